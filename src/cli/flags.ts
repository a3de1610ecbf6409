/**
 * One check for every command's flags, after yargs has parsed them: a flag given twice
 * (`--out A --out B`, `--charts --no-charts`) or with an empty value (`--out ''`, `--out=`,
 * `--replicates` with nothing after it) is a usage error, and so is an empty positional argument.
 * yargs would otherwise turn a repeated flag into a list (which the commands do not expect), an
 * empty number into 0 and a number with nothing after it into its default. Flags declared with
 * `array: true` (`--set`, `--precision`) may be repeated; each of their values must still be
 * non-empty.
 *
 * The flags are read from the command line's words (`tokens`), because yargs's result no longer
 * shows what was typed; what each flag is (boolean, list, its other spellings) comes from yargs's
 * own option table, so a new option needs no code here.
 */

/** The parts of yargs's option table (`yargs.getOptions()`) this check reads. */
export interface FlagTable {
  readonly array: readonly string[];
  readonly boolean: readonly string[];
  readonly key: Readonly<Record<string, unknown>>;
  readonly alias: Readonly<Record<string, readonly string[]>>;
}

interface FlagUse {
  /** As typed, e.g. `--no-charts`, `--out A` or `--out=A`. */
  readonly shown: string;
  /** The value typed with it ('' when none; null for a boolean flag). */
  readonly value: string | null;
}

/**
 * The usage problem of a command line, or null when there is none.
 *
 * @param tokens - the words after `povsim` (process.argv without node and the script).
 * @param argv - what yargs parsed (for empty positional arguments).
 * @param table - yargs's option table of the command being run.
 * @example
 * flagProblem(['run', '--out', 'A', '--out', 'B'], argv, table); // => '--out: expected once, found 2 times (--out A, --out B)'
 */
export function flagProblem(tokens: readonly string[], argv: Readonly<Record<string, unknown>>, table: FlagTable): string | null {
  const uses = flagUses(tokens, table);
  for (const [name, list] of uses) {
    const empty = list.find((use) => use.value === '');
    if (empty !== undefined) return `--${name}: expected a value, found nothing`;
    if (list.length > 1 && !table.array.includes(name)) {
      return `--${name}: expected once, found ${list.length} times (${list.map((use) => use.shown).join(', ')})`;
    }
  }
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || key === '$0' || uses.has(key) || !Object.hasOwn(table.key, key)) continue;
    if (value === '' || (Array.isArray(value) && value.includes(''))) return `${key}: expected a value, found an empty argument`;
  }
  return null;
}

/**
 * The usage problem of words after `--` (the end of options), or null when there are none. yargs
 * leaves such words out of a command's positional arguments, so `povsim run -- -dash.yaml` would
 * run the default scenario: refused instead, saying how to name such a file.
 *
 * @example
 * endOfOptionsProblem(['run', '--', '-dash.yaml']); // => '"--": povsim reads nothing after it (found -dash.yaml); name a file that starts with - as ./-dash.yaml'
 */
export function endOfOptionsProblem(tokens: readonly string[]): string | null {
  const end = tokens.indexOf('--');
  const first = end < 0 ? undefined : tokens[end + 1];
  if (first === undefined) return null;
  const advice = first.startsWith('-') ? `name a file that starts with - as ./${first}` : 'give it before "--"';
  return `"--": povsim reads nothing after it (found ${first}); ${advice}`;
}

/** Every known flag of the command line, by its canonical name, with its uses in order. */
function flagUses(tokens: readonly string[], table: FlagTable): Map<string, FlagUse[]> {
  const canonical = canonicalNames(table);
  const uses = new Map<string, FlagUse[]>();
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token === '--') break;
    if (!token.startsWith('--')) continue;
    const eq = token.indexOf('=');
    const typed = eq < 0 ? token.slice(2) : token.slice(2, eq);
    let name = canonical.get(typed) ?? canonical.get(kebabCase(typed));
    if (name === undefined && typed.startsWith('no-')) {
      const negated = canonical.get(typed.slice(3));
      if (negated !== undefined && table.boolean.includes(negated)) name = negated;
    }
    if (name === undefined) continue; // unknown flags are yargs's (strict mode)
    let use: FlagUse = { shown: token, value: null };
    if (!table.boolean.includes(name)) {
      const next = tokens[i + 1];
      if (eq >= 0) use = { shown: token, value: token.slice(eq + 1) };
      else if (next === undefined || next.startsWith('--')) use = { shown: token, value: '' };
      else {
        use = { shown: `${token} ${next}`, value: next };
        i += 1;
      }
    }
    uses.set(name, [...(uses.get(name) ?? []), use]);
  }
  return uses;
}

/** Declared names and their aliases -> the declared name (camelCase spellings: see kebabCase). */
function canonicalNames(table: FlagTable): Map<string, string> {
  const names = new Map<string, string>();
  for (const key of Object.keys(table.key)) names.set(key, key);
  for (const [key, aliases] of Object.entries(table.alias)) {
    const group = [key, ...aliases];
    const declared = group.find((name) => Object.hasOwn(table.key, name));
    if (declared !== undefined) for (const name of group) if (!names.has(name)) names.set(name, declared);
  }
  return names;
}

/** yargs also accepts `--maxReplicates` for `--max-replicates`. */
function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The command as the user typed it (`povsim run ...`), for manifests and the folder's lock. */
export function commandLine(): string {
  return ['povsim', ...process.argv.slice(2)].join(' ');
}
