/**
 * The built explorer page (dist/explore, made by scripts/build-explore.mjs) and writing it to a
 * folder of the user's: all files at once, into a folder that is new, empty, or an earlier
 * explore output (known by its explore.json); povsim never overwrites files it did not write.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OutputError, toJson, writeFilesAtomically } from '../io/files.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { EXPLORE_MARKER, exploreFiles, isScratch } from '../io/output-folder.js';

/** Files of the page, in the order they are written. */
export const PAGE_FILES = ['index.html', 'explore.js'] as const;
/** The marker povsim writes beside the page, so a later `--out` knows the folder is its own. */
export const MARKER_FILE = EXPLORE_MARKER;

/** The built page's folder in the installed package. */
export function pageDir(): string {
  return join(PACKAGE_ROOT, 'dist', 'explore');
}

/**
 * The page's files as [name, contents].
 *
 * @throws {OutputError} (exit 1) when the page was not built (`npm run build` builds it).
 */
export function readPage(dir: string = pageDir()): [string, Buffer][] {
  return PAGE_FILES.map((name) => {
    const path = join(dir, name);
    if (!existsSync(path)) throw new OutputError(`the explorer page is missing (${path}); build it with \`npm run build\``, 1);
    return [name, readFileSync(path)];
  });
}

/**
 * Throws OutputError (exit 2) unless `dir` is missing, empty, or an earlier explore output holding
 * only the files explore writes.
 */
export function checkExploreDir(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new OutputError(`${dir}: a file stands where a folder is needed; choose another folder with --out`, 2);
  const entries = readdirSync(dir).filter((e) => !isScratch(e)); // not the folder's lock
  if (entries.length === 0) return;
  const own = new Set<string>([...PAGE_FILES, MARKER_FILE]);
  const foreign = entries.filter((e) => !own.has(e));
  if (exploreFiles(dir) === null || foreign.length > 0) {
    const example = foreign[0] ?? entries[0] ?? '';
    throw new OutputError(
      `${dir}: not empty and not an earlier povsim explore output (it holds ${JSON.stringify(example)}); povsim never overwrites files it did not write: choose a new or empty folder`,
      2,
    );
  }
}

/** Writes the page and its marker to `dir` all or nothing; returns the paths written. */
export function writePage(dir: string, files: readonly (readonly [string, Buffer])[] = readPage()): string[] {
  checkExploreDir(dir);
  const marker = toJson({ povsim: VERSION, kind: 'explore', files: [...PAGE_FILES], open: 'index.html' });
  return writeFilesAtomically(dir, [...files, [MARKER_FILE, marker]]);
}
