/**
 * Running many tasks in parallel while handing their results on in order: tasks start in the order
 * the iterator gives them, at most `window` are started but not yet handed on, and each result
 * waits in a small reorder buffer until every earlier one has been handed on. So a caller that
 * appends results to a file writes them in task order, whatever order they finish in, and memory
 * holds at most `window` tasks and results however many there are.
 */

export interface OrderedOptions {
  /** Most tasks started but not yet handed on (in flight or waiting in the reorder buffer); >= 1. */
  readonly window: number;
  /** Asked before each new task starts; true stops starting tasks (those started still finish). */
  readonly shouldStop?: () => boolean;
}

/** How an ordered run ended. */
export interface OrderedResult {
  /** Tasks handed on. */
  readonly handled: number;
  /** True if `shouldStop` ended it before the iterator was exhausted. */
  readonly stopped: boolean;
}

/**
 * Starts `start(item)` for the items of `items` in order, keeping at most `window` unfinished,
 * and calls `handle(item, result)` in item order. `start` must not reject (turn errors into
 * results); `handle` may throw, which ends the run with that error once started tasks settle.
 *
 * @example
 * // results are handled 0, 1, 2 even if task 2 finishes first
 * await runOrdered([0, 1, 2].values(), (i) => delay(30 - 10 * i).then(() => i), (i, r) => out.push(r), { window: 3 });
 */
export async function runOrdered<T, R>(
  items: Iterator<T>,
  start: (item: T) => Promise<R>,
  handle: (item: T, result: R) => void,
  options: OrderedOptions,
): Promise<OrderedResult> {
  const window = Math.max(1, Math.floor(options.window));
  const buffer = new Map<number, { item: T; result: R }>();
  let started = 0;
  let handled = 0;
  let exhausted = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;

  const flush = (): void => {
    for (let next = buffer.get(handled); next !== undefined; next = buffer.get(handled)) {
      buffer.delete(handled);
      handled += 1;
      if (failure === undefined) {
        try {
          handle(next.item, next.result);
        } catch (error) {
          failure = { error };
        }
      }
    }
  };

  for (;;) {
    while (!exhausted && !stopped && failure === undefined && started - handled < window) {
      if (options.shouldStop?.() === true) {
        stopped = true;
        break;
      }
      const next = items.next();
      if (next.done === true) {
        exhausted = true;
        break;
      }
      const seq = started;
      const item = next.value;
      started += 1;
      void start(item).then((result) => {
        buffer.set(seq, { item, result });
        flush();
        wake?.();
      });
    }
    if (handled === started && (exhausted || stopped || failure !== undefined)) break;
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
    wake = undefined;
  }
  if (failure !== undefined) throw failure.error;
  return { handled, stopped: stopped && !exhausted };
}
