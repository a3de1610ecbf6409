/**
 * Safe reading of YAML input: plain JSON-like data only, limited size and alias expansion, every
 * failure turned into a one-line {@link InputError} naming the file and line.
 *
 * Rules (YAML 1.2 core schema):
 * - at most {@link MAX_YAML_BYTES} bytes, UTF-8 text without control characters (binary junk is
 *   refused before parsing);
 * - one document; duplicate keys are errors; keys are plain names (no lists or mappings as keys);
 * - every check is linear in the size of the file and stops at the first problem (a file with
 *   80,000 unknown or repeated keys is refused as fast as it is parsed);
 * - no tags at all (`!!binary`, `!!str`, `!custom`): values are only null, booleans, numbers,
 *   strings, lists and mappings, and a number is written as a number (never coerced from text);
 * - anchors and aliases are allowed but limited ({@link MAX_ALIAS_COUNT}), so a "billion laughs"
 *   file fails in milliseconds;
 * - merge keys (`<<`) are ordinary keys (YAML 1.2), so they are reported as unknown keys.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { formatBytes, readRegularFile, sizeBeyond, type ReadOptions } from '../io/read.js';
import { InputError, quote } from './errors.js';

export { formatBytes, sizeBeyond } from '../io/read.js';

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
  /** Where the key of the entry at a key path is written (the value may start on a later line). */
  locateKey(path: readonly string[]): YamlLocation | undefined;
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
      // The package checks duplicate keys pair by pair (quadratic); checkNodes does it with a set.
      uniqueKeys: false,
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
    if (problem.code === 'MULTIPLE_DOCS') detail = 'expected one YAML document, found a second one (a line ---)';
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
  let index: Map<string, unknown> | undefined;
  return {
    value,
    locate(path) {
      index ??= indexNodes(doc.contents);
      return locationOf(index.get(JSON.stringify(path)), lineCounter);
    },
    locateKey(path) {
      index ??= indexNodes(doc.contents);
      return locationOf(index.get(`key:${JSON.stringify(path)}`), lineCounter);
    },
  };
}

/** The location of a node, with the scalar as written. */
function locationOf(node: unknown, lineCounter: LineCounter): YamlLocation | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as { range?: readonly number[] }).range;
  const offset = range?.[0];
  if (offset === undefined) return undefined;
  const line = lineCounter.linePos(offset).line;
  const written = isScalar(node) ? node.source : undefined;
  return written === undefined ? { line, offset } : { line, offset, source: written };
}

/**
 * Reads and parses a YAML file: only a regular file (never a FIFO or a device, even through a
 * link), at most {@link MAX_YAML_BYTES} bytes actually read; the bytes must be UTF-8 text.
 *
 * @param file - path to read, also the name used in error messages.
 * @param options - what the file should be, for messages (default "a scenario file").
 * @returns the raw bytes (for hashing) and the parsed data.
 * @throws {InputError} when the file is missing, not a regular file, too large, binary or invalid YAML.
 */
export function readYamlFile(file: string, options: ReadOptions = {}): { readonly bytes: Buffer; readonly parsed: ParsedYaml } {
  const bytes = readYamlBytes(file, options);
  return { bytes, parsed: parseYaml(decodeYaml(bytes, file), file) };
}

/** The bytes of a YAML file (see {@link readYamlFile}), not yet parsed. */
export function readYamlBytes(file: string, options: ReadOptions = {}): Buffer {
  return readRegularFile(file, MAX_YAML_BYTES, { expected: options.expected ?? 'a scenario file' });
}

/** UTF-8 text of a YAML file's bytes; binary data is refused without showing it. */
export function decodeYaml(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError({ file, expected: 'a UTF-8 text file', found: 'binary data (not valid UTF-8)' });
  }
}

/**
 * Every node by its key path (JSON of the path, sequence indices as text), built in one walk, so
 * locating thousands of errors stays linear.
 */
function indexNodes(root: unknown): Map<string, unknown> {
  const index = new Map<string, unknown>();
  const stack: { node: unknown; path: string[] }[] = [{ node: root, path: [] }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { node, path } = top;
    index.set(JSON.stringify(path), node);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const at = [...path, String(pair.key.value)];
        index.set(`key:${JSON.stringify(at)}`, pair.key);
        if (pair.value !== null) stack.push({ node: pair.value, path: at });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, String(i)] }));
    }
  }
  return index;
}

/**
 * Refuses tags, non-name keys and duplicate keys, in file order; walks the tree once (before any
 * alias is expanded), each mapping's keys kept in a set.
 */
function checkNodes(doc: Document.Parsed, file: string, lineCounter: LineCounter): void {
  const lineOf = (node: { range?: readonly number[] | null } | null | undefined): number | undefined => {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  const fail = (node: Node | null, detail: string): never => {
    const line = lineOf(node);
    throw new InputError(line === undefined ? { file, detail } : { file, line, detail });
  };
  const keysByMap = new WeakMap<object, Set<string>>();
  visit(doc, {
    Node(_key, node) {
      if (node.tag !== undefined) {
        fail(node, `tags are not allowed (found ${quote(node.tag.replace(/^tag:yaml\.org,2002:/, '!!'))}); write plain values`);
      }
    },
    Pair(_key, pair, path) {
      const key = pair.key;
      if (!isScalar(key) || typeof key.value !== 'string') {
        const keyNode = (key ?? pair.value) as Node | null;
        const found = isScalar(key) ? `${String(key.value)} (not a name)` : isMap(key) ? 'a mapping' : key === null ? 'nothing' : 'a list';
        return fail(keyNode, `expected a name as key, found ${found}`);
      }
      const name = key.value;
      const map = path[path.length - 1] ?? doc;
      let seen = keysByMap.get(map);
      if (seen === undefined) keysByMap.set(map, (seen = new Set()));
      if (seen.has(name)) fail(key, `duplicate key ${quote(name)}`);
      seen.add(name);
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
