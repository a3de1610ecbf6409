/**
 * The layout of the shared control array of village threads (village-threads.ts) and its commands.
 * A module without imports, so that a worker's bootstrap (village-worker.ts) can use it before it
 * loads anything that could fail.
 */

/** Slots of the control array: a command is written, then GENERATION is raised to start it. */
export const GENERATION = 0;
export const COMMAND = 1;
export const MONTH = 2;
/** Workers that finished the current command. */
export const DONE = 3;
/** 1 once a worker failed in a command (its error comes on the error port). */
export const FAILED = 4;
/** Workers that have exited (their thread ended: after STOP, or because it could not load or died). */
export const EXITED = 5;
/** RETURNS + k: the returns to poverty thread k counted in the last settle. */
export const RETURNS = 6;

export const EARN = 1;
export const SETTLE = 2;
export const STOP = 3;
