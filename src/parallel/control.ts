/**
 * The layout of the shared control array of village threads (village-threads.ts) and its commands.
 */

/** Slots of the control array: a command is written, then GENERATION is raised to start it. */
export const GENERATION = 0;
export const COMMAND = 1;
/** The command's whole-number arguments: settle's month; a payment's programme, target and use; the Gini's bin layout (ARGUMENTS + 0..2). */
export const ARGUMENTS = 2;
/** Workers that finished the current command. */
export const DONE = 5;
/** 1 once a worker failed in a command (its error comes on the error port). */
export const FAILED = 6;
/** Workers that have exited (their thread ended: after STOP, or because it could not load or died). */
export const EXITED = 7;
/** Workers that have started (the first thing a worker does). */
export const READY = 8;
/** The next chunk of villages (or part of the Gini's bins) to be claimed (village-threads.ts): each thread takes them until none is left. */
export const NEXT_CHUNK = 9;
/** Slots of the control array. */
export const CONTROL_SLOTS = 10;

export const EARN = 1;
export const INFORM = 2;
export const SETTLE = 3;
export const TALLY = 4;
export const COUNT_PAYOUTS = 5;
export const PAY = 6;
export const SUM_OBSERVATIONS = 7;
/** The register adjustment's village loop; each thread adds its counts into its own row of results (village-threads.ts). */
export const ADJUST_REGISTER = 8;
/** The household audits (supervision.ts, auditVillages); each thread adds the households removed into its row of results. */
export const AUDIT = 9;
/** The Gini's binning (observe.ts, binIncomes): threads take the parts of the bins, not chunks; arguments the layout (highMin, shift). */
export const BIN_INCOMES = 10;
/** The yearly passes: migration, the register adjustment's measurement, the platform's assessment, hiring's draws. */
export const MIGRATE = 11;
export const MEASURE_HOUSEHOLDS = 12;
export const ASSESS = 13;
export const DRAW_HIRING = 14;
export const STOP = 15;
