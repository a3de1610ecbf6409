/**
 * The step loop. A model is anything that can take a monthly step and be observed; the loop
 * steps it month by month and hands each observation to the caller. Collecting data wraps
 * stepping and never lives inside it (as in Agents.jl's `run!`).
 */
export interface SteppedModel<Observation> {
  /** Advances the model by one step (month `step`, counting from 0). */
  step(step: number): void;
  /** What the model looks like at the end of step `step`. */
  observe(step: number): Observation;
}

export interface RunHooks<Observation> {
  /** Called after each step with its observation. */
  onObservation?(step: number, observation: Observation): void;
}

/** Runs `steps` steps and returns the last observation. */
export function runSteps<Observation>(
  model: SteppedModel<Observation>,
  steps: number,
  hooks: RunHooks<Observation> = {},
): Observation {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  let last: Observation | undefined;
  for (let step = 0; step < steps; step += 1) {
    model.step(step);
    last = model.observe(step);
    hooks.onObservation?.(step, last);
  }
  return last as Observation;
}

/**
 * Runs `steps` steps and observes only the last one (for callers that need only the final state:
 * observation must not change the model, so the result is the same as runSteps' last observation).
 */
export function runStepsObservingLast<Observation>(model: SteppedModel<Observation>, steps: number): Observation {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  for (let step = 0; step < steps; step += 1) model.step(step);
  return model.observe(steps - 1);
}

/** Thrown by runStepsAsync when its signal is aborted: the run stopped after `completedSteps` steps. */
export class StepsInterrupted extends Error {
  readonly completedSteps: number;
  constructor(completedSteps: number) {
    super(`interrupted after ${completedSteps} steps`);
    this.name = 'StepsInterrupted';
    this.completedSteps = completedSteps;
  }
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * runSteps that lets the event loop run between steps (so signals and timers are handled during a
 * long run) and stops with StepsInterrupted when `signal` is aborted. Same steps, same observations.
 */
export async function runStepsAsync<Observation>(
  model: SteppedModel<Observation>,
  steps: number,
  hooks: RunHooks<Observation> & { signal?: AbortSignal } = {},
): Promise<Observation> {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive integer, got ${steps}`);
  let last: Observation | undefined;
  for (let step = 0; step < steps; step += 1) {
    await nextTick();
    if (hooks.signal?.aborted) throw new StepsInterrupted(step);
    model.step(step);
    last = model.observe(step);
    hooks.onObservation?.(step, last);
  }
  return last as Observation;
}
