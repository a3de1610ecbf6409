/**
 * Errors in user input (scenario files, `--set` overrides, parameter keys) and the helpers that
 * render user values inside them.
 *
 * Every message is ONE line, `<file>: <key>: expected <expected>, found <found>` (or
 * `<file>: line <n>: <detail>` for YAML syntax errors), so the CLI can print `povsim: <message>`
 * and exit with status 2 without a stack trace.
 */

/** The parts an {@link InputError} is built from; absent parts are left out of the message. */
export interface InputErrorParts {
  /** The file (as the user gave it), `--set` for command-line overrides, or another source name. */
  readonly file?: string;
  /** 1-based line in `file`, when known. Shown in the message only when there is no `key`. */
  readonly line?: number;
  /** Dotted key path, e.g. `supervision.auditRate`. */
  readonly key?: string;
  /** What would have been valid, e.g. `a number from 0 to 1 (share (0-1))`. */
  readonly expected?: string;
  /** The offending value as written, already rendered with {@link describeValue}. */
  readonly found?: string;
  /** A free-form explanation used instead of `expected ..., found ...`. */
  readonly detail?: string;
}

/** Longest user value quoted verbatim in a message (characters); longer values are cut with "...". */
export const MAX_QUOTED_CHARS = 40;

/** Longest key path shown in a message (characters). */
const MAX_KEY_CHARS = 80;

/**
 * A problem with user input. Its `message` is a single line, e.g.
 * `scenarios/x.yaml: supervision.auditRate: expected a number from 0 to 1 (share of registered
 * households per year), found -0.2` (on one line).
 *
 * @example
 * new InputError({ file: 'a.yaml', key: 'seed', expected: 'an integer from 0 to 4294967295', found: '-1' }).message;
 * // => 'a.yaml: seed: expected an integer from 0 to 4294967295, found -1'
 */
export class InputError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly key?: string;
  readonly expected?: string;
  readonly found?: string;
  readonly detail?: string;

  constructor(parts: InputErrorParts) {
    super(formatInputError(parts));
    this.name = 'InputError';
    if (parts.file !== undefined) this.file = parts.file;
    if (parts.line !== undefined) this.line = parts.line;
    if (parts.key !== undefined) this.key = parts.key;
    if (parts.expected !== undefined) this.expected = parts.expected;
    if (parts.found !== undefined) this.found = parts.found;
    if (parts.detail !== undefined) this.detail = parts.detail;
  }
}

/**
 * The one-line message of an {@link InputError}: `file: key: body`, where `key` falls back to
 * `line N`, and `body` is `detail` or `expected X, found Y`.
 *
 * @example
 * formatInputError({ file: 'x.yaml', line: 3, detail: 'bad indentation' }); // => 'x.yaml: line 3: bad indentation'
 */
export function formatInputError(parts: InputErrorParts): string {
  const where = parts.key !== undefined
    ? clip(parts.key, MAX_KEY_CHARS)
    : parts.line !== undefined ? `line ${parts.line}` : undefined;
  let body: string;
  if (parts.detail !== undefined) body = parts.detail;
  else if (parts.expected !== undefined) {
    body = `expected ${parts.expected}${parts.found !== undefined ? `, found ${parts.found}` : ''}`;
  } else if (parts.found !== undefined) body = `invalid value ${parts.found}`;
  else body = 'invalid input';
  return [parts.file, where, body]
    .filter((part): part is string => part !== undefined && part !== '')
    .map(oneLine)
    .join(': ');
}

/**
 * Replaces line breaks and other control characters (C0, DEL and C1, so no terminal escape code
 * gets through) by spaces so a text fits on one line.
 *
 * @example
 * oneLine('a\nb'); // => 'a b'
 */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/**
 * Cuts a text to at most `max` characters (code points), ending with "..." when cut, on one line.
 *
 * @example
 * clip('abcdefgh', 6); // => 'abc...'
 */
export function clip(text: string, max: number = MAX_QUOTED_CHARS): string {
  const chars = Array.from(oneLine(text));
  return chars.length > max ? `${chars.slice(0, Math.max(0, max - 3)).join('')}...` : chars.join('');
}

/**
 * A user string in double quotes, cut to {@link MAX_QUOTED_CHARS} characters, with newlines and
 * control characters escaped (JSON string syntax), so it never breaks the one-line message.
 *
 * @example
 * quote('high'); // => '"high"'
 */
export function quote(text: string, max: number = MAX_QUOTED_CHARS): string {
  const chars = Array.from(text);
  const cut = chars.length > max ? `${chars.slice(0, Math.max(0, max - 3)).join('')}...` : text;
  return oneLine(JSON.stringify(cut));
}

/**
 * How a user value is shown after "found": strings quoted, numbers as written (`source`, the YAML
 * text, when known; `.nan` / `.inf` otherwise), `nothing` for null, `a list`, `a mapping`.
 *
 * @example
 * describeValue(null); // => 'nothing'
 * describeValue([1, 2]); // => 'a list'
 * describeValue('0.3'); // => '"0.3"'
 * describeValue(Number.NaN); // => '.nan'
 */
export function describeValue(value: unknown, source?: string): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (source !== undefined && source !== '') return clip(source);
      if (Number.isNaN(value)) return '.nan';
      if (value === Infinity) return '.inf';
      if (value === -Infinity) return '-.inf';
      return String(value);
    case 'boolean':
      return String(value);
    case 'object':
      return Object.keys(value).length === 0 ? 'an empty mapping' : 'a mapping';
    default:
      return `a ${typeof value}`;
  }
}
