/**
 * One rule for every name povsim takes from the user - a scenario's or a sweep's `name:`, `--set
 * name=...`, and the file name a name defaults to - because names become folder and file names,
 * table columns, CSV fields and terminal output. The rule (letters, digits, ".", "_" and "-",
 * starting with a letter or digit, at most {@link MAX_NAME_CHARS} characters) leaves out every
 * character that starts a spreadsheet formula (`=`, `+`, `-`, `@`), every control character
 * (terminal escape codes, tab, carriage return, newline), spaces, quotes and path separators.
 */
import { InputError, quote } from './errors.js';

/** Longest name (characters). */
export const MAX_NAME_CHARS = 64;
/** The name rule as a regular expression (JSON Schema `pattern`). */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';
/** The name rule in words, as messages say what was expected. */
export const NAME_RULE = `a name of letters, digits, ".", "_" and "-" starting with a letter or digit (at most ${MAX_NAME_CHARS} characters)`;

const NAME = new RegExp(NAME_PATTERN);

/**
 * Whether a value is a valid name.
 *
 * @example
 * isValidName('improved-oversight'); // => true
 * isValidName('=cmd|calc'); // => false
 */
export function isValidName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_NAME_CHARS && NAME.test(value);
}

/**
 * The name a file gives when it sets no `name:`: its file name without extension, if that follows
 * the name rule; otherwise one line saying so (a file name is never used as a name unchecked).
 *
 * @param file - the file (or source name of an in-memory scenario).
 * @param what - what the file holds, for the message ("scenario", "sweep").
 * @throws {InputError} `<file>: name: the file name gives "<name>", not a valid name (expected ...); rename the file or set name: in it`.
 * @example
 * nameFromFile('scenarios/improved-oversight.yaml', 'scenario'); // => 'improved-oversight'
 */
export function nameFromFile(file: string, what: string): string {
  const name = baseName(file);
  if (isValidName(name)) return name;
  throw new InputError({
    file,
    key: 'name',
    detail: `the ${what} sets no name: and its file name gives ${quote(name)}, which is not ${NAME_RULE}; rename the file or set name: in it`,
  });
}

/**
 * A path's last part without its extension, as node's `path.parse(file).name` (written out so
 * that this module stays pure: the explorer page bundles it).
 * @example baseName('scenarios/sweeps/audit-by-noise.yaml') // 'audit-by-noise'
 */
function baseName(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
