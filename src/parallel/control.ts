/**
 * The layout of the shared control array of village threads (village-threads.ts) and its commands.
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
/** Workers that have started (the first thing a worker does). */
export const READY = 6;
/** RETURNS + k: the returns to poverty thread k counted in the last settle. */
export const RETURNS = 7;

export const EARN = 1;
export const SETTLE = 2;
export const STOP = 3;
