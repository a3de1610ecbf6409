/**
 * Safe reading of YAML input: plain JSON-like data only, limited size and alias expansion, every
 * failure turned into a one-line {@link InputError} naming the file and line.
 *
 * Rules (YAML 1.2 core schema):
 * - at most {@link MAX_YAML_BYTES} bytes, UTF-8 text without control characters (binary junk is
 *   refused before parsing);
 * - one document; duplicate keys are errors; keys are plain names (no lists or mappings as keys);
 * - no tags at all (`!!binary`, `!!str`, `!custom`): values are only null, booleans, numbers,
 *   strings, lists and mappings, and a number is written as a number (never coerced from text);
 * - anchors and aliases are allowed but limited ({@link MAX_ALIAS_COUNT}), so a "billion laughs"
 *   file fails in milliseconds;
 * - merge keys (`<<`) are ordinary keys (YAML 1.2), so they are reported as unknown keys.
 */
import { readFileSync, statSync } from 'node:fs';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { InputError, quote } from './errors.js';

/** Largest YAML input accepted, in bytes (1 MiB): a scenario file is a few kilobytes. */
export const MAX_YAML_BYTES = 1024 * 1024;
/** Most alias expansions (weighted by the aliased node size, as the `yaml` package counts). */
export const MAX_ALIAS_COUNT = 100;

/**
 * Deepest nesting of flow collections (`[`, `{`) accepted. A scenario needs 2; the limit makes a
 * pathological file (a megabyte of `[`) fail at once instead of after seconds of parsing.
 */
export const MAX_FLOW_DEPTH = 64;

/** Where a value sits in its YAML text. */
export interface YamlLocation {
  /** 1-based line. */
  readonly line: number;
  /** 0-based character offset, to order errors as they appear in the file. */
  readonly offset: number;
  /** The scalar as written (e.g. `1e400`, `.nan`), when the node is a scalar. */
  readonly source?: string;
}

/** Parsed YAML data with a way back to the text. */
export interface ParsedYaml {
  /** The data: null, boolean, number, string, array or plain object (null for an empty file). */
  readonly value: unknown;
  /** Where the value at a key path is written, or undefined if it is not in the text. */
  locate(path: readonly string[]): YamlLocation | undefined;
}

// C0 controls other than tab, line feed and carriage return, and DEL: never in a text file.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Parses YAML text under the rules above.
 *
 * @param text - the YAML text.
 * @param file - name used in error messages (a path, `--set`, ...).
 * @throws {InputError} on any syntax error, forbidden construct or resource limit.
 * @example
 * parseYaml('supervision:\n  auditRate: 0.3\n', 'x.yaml').value; // => { supervision: { auditRate: 0.3 } }
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  if (text.length > MAX_YAML_BYTES) {
    throw new InputError({ file, expected: `YAML of at most ${formatBytes(MAX_YAML_BYTES)}`, found: `${sizeBeyond(text.length, MAX_YAML_BYTES)} of text` });
  }
  const control = CONTROL_CHARACTER.exec(text);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    throw new InputError({
      file,
      expected: 'a YAML text file',
      found: `binary data (control character 0x${code} at character ${control.index})`,
    });
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const tooDeep = flowNestingBeyond(source, MAX_FLOW_DEPTH);
  if (tooDeep !== undefined) {
    throw new InputError({ file, line: tooDeep, detail: `YAML nested too deeply (more than ${MAX_FLOW_DEPTH} levels of [ or {)` });
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(source, {
      schema: 'core',
      version: '1.2',
      merge: false,
      uniqueKeys: true,
      strict: true,
      prettyErrors: false,
      lineCounter,
    });
  } catch (error) {
    throw unexpected(file, error);
  }
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) {
    const line = lineCounter.linePos(problem.pos[0]).line;
    let detail = yamlMessage(problem.message);
    if (problem.code === 'DUPLICATE_KEY') {
      // The error points at the repeated key's first character; the key runs to its colon.
      const rest = source.slice(problem.pos[0]).split(/\r?\n/)[0] ?? '';
      const key = (/^(.*?):(\s|$)/.exec(rest)?.[1] ?? rest).trim();
      detail = key === '' ? 'duplicate key' : `duplicate key ${quote(key)}`;
    } else if (problem.code === 'MULTIPLE_DOCS') detail = 'expected one YAML document, found a second one (a line ---)';
    else if (/call stack/i.test(detail)) detail = 'YAML nested too deeply';
    throw new InputError({ file, line, detail });
  }
  try {
    checkNodes(doc, file, lineCounter);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw unexpected(file, error);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new InputError({
        file,
        detail: `too many alias expansions (more than ${MAX_ALIAS_COUNT}); aliases that expand exponentially are refused`,
      });
    }
    throw unexpected(file, error);
  }
  return {
    value,
    locate(path) {
      let node: unknown;
      try {
        node = path.length === 0 ? doc.contents : doc.getIn(path, true);
      } catch {
        return undefined;
      }
      if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
      const range = (node as { range?: readonly number[] }).range;
      const offset = range?.[0];
      if (offset === undefined) return undefined;
      const line = lineCounter.linePos(offset).line;
      const written = isScalar(node) ? node.source : undefined;
      return written === undefined ? { line, offset } : { line, offset, source: written };
    },
  };
}

/**
 * Reads and parses a YAML file: the size is checked before reading, the bytes must be UTF-8 text.
 *
 * @param file - path to read, also the name used in error messages.
 * @returns the raw bytes (for hashing) and the parsed data.
 * @throws {InputError} when the file is missing, a directory, too large, binary or invalid YAML.
 */
export function readYamlFile(file: string): { readonly bytes: Buffer; readonly parsed: ParsedYaml } {
  let size: number;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) throw new InputError({ file, expected: 'a scenario file', found: 'a directory' });
    size = stats.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError(file, error);
  }
  if (size > MAX_YAML_BYTES) {
    throw new InputError({ file, expected: `a file of at most ${formatBytes(MAX_YAML_BYTES)}`, found: sizeBeyond(size, MAX_YAML_BYTES) });
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw fileError(file, error);
  }
  if (bytes.length > MAX_YAML_BYTES) {
    throw new InputError({ file, expected: `a file of at most ${formatBytes(MAX_YAML_BYTES)}`, found: sizeBeyond(bytes.length, MAX_YAML_BYTES) });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError({ file, expected: 'a UTF-8 text file', found: 'binary data (not valid UTF-8)' });
  }
  return { bytes, parsed: parseYaml(text, file) };
}

/** Message for a file-system error reading `file`. */
function fileError(file: string, error: unknown): InputError {
  const code = error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new InputError({ file, detail: 'no such file' });
    case 'EACCES':
    case 'EPERM':
      return new InputError({ file, detail: 'cannot read the file (permission denied)' });
    case 'EISDIR':
      return new InputError({ file, expected: 'a scenario file', found: 'a directory' });
    default:
      return new InputError({ file, detail: `cannot read the file (${code || firstLine(error)})` });
  }
}

/** Refuses tags and non-name keys; walks the tree once (before any alias is expanded). */
function checkNodes(doc: Document.Parsed, file: string, lineCounter: LineCounter): void {
  const lineOf = (node: { range?: readonly number[] | null } | null | undefined): number | undefined => {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const fail = (node: Node | null, detail: string): never => {
    const line = lineOf(node);
    throw new InputError(line === undefined ? { file, detail } : { file, line, detail });
  };
  visit(doc, {
    Node(_key, node) {
      if (node.tag !== undefined) {
        fail(node, `tags are not allowed (found ${quote(node.tag.replace(/^tag:yaml\.org,2002:/, '!!'))}); write plain values`);
      }
    },
    Pair(_key, pair) {
      const key = pair.key;
      if (isScalar(key) && typeof key.value === 'string') return;
      const keyNode = (key ?? pair.value) as Node | null;
      const found = isScalar(key) ? `${String(key.value)} (not a name)` : isMap(key) ? 'a mapping' : key === null ? 'nothing' : 'a list';
      fail(keyNode, `expected a name as key, found ${found}`);
    },
  });
}

/** First line of a `yaml` error message without its " at line L, column C" suffix, lower-cased. */
function yamlMessage(message: string): string {
  const text = firstLine(message).replace(/ at line \d+, column \d+:?\s*$/, '').replace(/[.:]\s*$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function firstLine(value: unknown): string {
  const message = value instanceof Error ? value.message : String(value);
  return message.split(/\r?\n/)[0]?.trim() ?? '';
}

function unexpected(file: string, error: unknown): InputError {
  if (error instanceof RangeError) return new InputError({ file, detail: 'YAML nested too deeply' });
  return new InputError({ file, detail: `cannot read YAML (${firstLine(error)})` });
}

/**
 * A byte count in words.
 *
 * @example
 * formatBytes(1024 * 1024); // => '1 MiB'
 * formatBytes(1536); // => '1.5 KiB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB'];
  return `${Number(value.toFixed(1))} ${unit}`;
}

/**
 * A size over a limit in words, never rounded down to the limit itself (1 MiB + 524 bytes is not
 * "1 MiB").
 *
 * @example
 * sizeBeyond(1024 * 1024 + 524, 1024 * 1024); // => '1 MiB and 524 bytes'
 * sizeBeyond(2 * 1024 * 1024, 1024 * 1024); // => '2 MiB'
 */
export function sizeBeyond(bytes: number, limit: number): string {
  const words = formatBytes(bytes);
  return words === formatBytes(limit) ? `${words} and ${bytes - limit} bytes` : words;
}

/**
 * The 1-based line where flow nesting (`[`, `{` outside quotes and comments) first exceeds
 * `limit`, or undefined. A quick scan, not a parser: it may miss nesting (a lone apostrophe in a
 * plain scalar hides what follows), which the parser then handles; it never rejects a file nested
 * less deeply.
 *
 * @example
 * flowNestingBeyond('a: [[[1]]]', 2); // => 1
 * flowNestingBeyond('a: "[[["', 2); // => undefined
 */
export function flowNestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"' || c === "'") {
      // Skip the quoted scalar ('' escapes a quote in single quotes, \ escapes in double quotes).
      for (i++; i < text.length; i++) {
        const d = text[i];
        if (d === '\n') line++;
        else if (c === '"' && d === '\\') i++;
        else if (d === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return line;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}
