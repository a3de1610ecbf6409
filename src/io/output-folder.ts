/**
 * Whose files are in an output folder. povsim deletes or overwrites only files it can prove it
 * wrote: those the folder's own manifest.json lists (`outputs` of a run or comparison, `files` of
 * a sweep). A folder holding anything else, or another command's outputs, is refused with one
 * line saying what is there; so are the root folder, system folders and the home folder itself.
 *
 * A manifest lists a file before povsim writes it (charts are listed, then drawn), so a command
 * killed part-way leaves no file of its own unlisted; a listed file may be missing.
 */
import { lstatSync, readdirSync, realpathSync, rmdirSync, unlinkSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { checkWritableDir, OutputError, TEMP_SUFFIX, toJson, writeAtomic } from './files.js';
import { LOCK_FILE, lockOutputFolder, type FolderLock } from './folder-lock.js';
import { READ_LIMITS, readRegularText } from './read.js';

/** The commands whose outputs fill a folder, as manifest.json tells them apart. */
export type OutputCommand = 'run' | 'compare' | 'sweep' | 'calibrate';

/** What an output folder holds, by its manifest. */
export interface FolderRecord {
  /** The command whose outputs the folder holds; null when it is missing or empty. */
  readonly kind: OutputCommand | null;
  /** Files (relative paths, `/`-separated) the manifest says povsim wrote, manifest.json included. */
  readonly files: readonly string[];
  /** The command as users typed it, when it differs from `kind` (a study runs as a sweep: 'robust'). */
  readonly command?: string;
}

const MANIFEST = 'manifest.json';

/** The marker `povsim explore` writes beside its page (src/explore/page-files.ts). */
export const EXPLORE_MARKER = 'explore.json';

/** Files of a sweep folder whose manifest has no `files` list (made before it had one). */
const SWEEP_DATA_FILES = ['manifest.json', 'design.csv', 'results.csv', 'sensitivity.csv'];

/** Folders povsim never writes into (nor their subfolders). */
const SYSTEM_TREES = ['/bin', '/boot', '/dev', '/etc', '/lib', '/lib32', '/lib64', '/libx32', '/proc', '/sbin', '/sys', '/usr', '/System'];

/** Folders povsim never writes into themselves (their subfolders are fine). */
const SYSTEM_FOLDERS = [
  '/', '/home', '/media', '/mnt', '/opt', '/root', '/run', '/srv', '/tmp', '/var',
  '/Applications', '/Library', '/Users', '/Volumes', '/private', '/private/tmp', '/private/var',
];

/**
 * Refuses a system folder as an output folder: the root folder, a top-level system folder itself
 * (/home, /tmp, /var, ...), anything inside /bin, /boot, /dev, /etc, /lib*, /proc, /sbin, /sys
 * or /usr, or the home folder itself. Symbolic links are followed.
 *
 * @throws {OutputError} exit code 2.
 */
export function checkNotSystemFolder(dir: string): void {
  const path = realPath(dir);
  const home = realPath(homedir());
  const inside = SYSTEM_TREES.find((tree) => path === tree || path.startsWith(`${tree}/`));
  if (inside !== undefined || SYSTEM_FOLDERS.includes(path) || path === home) {
    const what = path === '/' ? 'the root folder' : path === home ? 'your home folder' : `a system folder (${inside ?? path})`;
    throw new OutputError(`${dir}: is ${what}; povsim writes its outputs only into a folder of their own: choose another folder with --out`, 2);
  }
}

/** `dir` with symbolic links resolved as far as it exists. */
function realPath(dir: string): string {
  const absolute = resolve(dir);
  let rest = '';
  for (let folder = absolute; ; folder = dirname(folder)) {
    try {
      return join(realpathSync(folder), rest);
    } catch {
      if (dirname(folder) === folder) return absolute;
      rest = rest === '' ? basename(folder) : join(basename(folder), rest);
    }
  }
}

/**
 * Not an output: the lock, and temporary files of writes cut short by a kill. Only a regular file
 * of such a name is one (see isScratchEntry); a folder of such a name is the user's.
 */
export function isScratch(name: string): boolean {
  return name === LOCK_FILE || /^\.povsim-lock\.\d+$/.test(name) || name.endsWith(TEMP_SUFFIX) || PARTIAL_FILES.includes(name);
}

/**
 * Files a sweep or merge streams into before renaming them into place, and the room a running
 * sweep keeps for its manifest (src/experiments/sweep-failure.ts: MANIFEST_RESERVE).
 */
const PARTIAL_FILES = ['design.csv.partial', 'results.csv.partial', 'manifest.json.reserve'];

/**
 * What `dir` holds, checked: every file in it (below it too) must be one its manifest lists.
 *
 * @throws {OutputError} exit code 2 naming what is there when the folder holds files povsim did
 *   not write (or no povsim manifest).
 */
export function inspectOutputFolder(dir: string): FolderRecord {
  const present = listFiles(dir);
  if (present.length === 0) return { kind: null, files: [] };
  const manifest = present.includes(MANIFEST) ? readManifest(join(dir, MANIFEST)) : null;
  if (manifest === null) {
    checkNotExploreFolder(dir, present);
    const what = present.includes(MANIFEST) ? `a ${MANIFEST} povsim did not write` : `files povsim did not write (${sample(present)})`;
    throw new OutputError(`${dir}: holds ${what}; choose another folder with --out`, 2);
  }
  const listed = new Set(manifest.files);
  const foreign = present.filter((f) => !listed.has(f));
  if (foreign.length > 0) {
    throw new OutputError(`${dir}: holds files povsim did not write (${sample(foreign)}) beside the outputs of povsim ${manifest.command ?? manifest.kind}; choose another folder with --out`, 2);
  }
  return manifest;
}

/**
 * The files the page of `povsim explore` in `dir` consists of, by its explore.json marker
 * (explore.json included), or null when `dir` holds no such marker (none, not a regular file,
 * too big, not povsim's).
 */
export function exploreFiles(dir: string): string[] | null {
  let marker: unknown;
  try {
    marker = JSON.parse(readRegularText(join(dir, EXPLORE_MARKER), READ_LIMITS.json));
  } catch {
    return null;
  }
  const { povsim, kind, files } = (marker ?? {}) as { povsim?: unknown; kind?: unknown; files?: unknown };
  if (typeof povsim !== 'string' || kind !== 'explore' || !Array.isArray(files) || !files.every((f) => typeof f === 'string')) return null;
  return [...(files as string[]), EXPLORE_MARKER];
}

/**
 * Refuses a folder holding the page of `povsim explore` (by its explore.json marker), saying so.
 * @throws {OutputError} exit code 2.
 */
function checkNotExploreFolder(dir: string, present: readonly string[]): void {
  if (!present.includes(EXPLORE_MARKER)) return;
  const files = exploreFiles(dir);
  if (files === null) return;
  const own = new Set(files);
  const foreign = present.filter((f) => !own.has(f));
  const beside = foreign.length > 0 ? `files povsim did not write (${sample(foreign)}) beside ` : '';
  throw new OutputError(`${dir}: holds ${beside}the outputs of povsim explore (see its ${EXPLORE_MARKER}); choose another folder with --out`, 2);
}

/**
 * Checks that `dir` is missing, empty or holds the outputs of `kind` only (see inspectOutputFolder).
 * @throws {OutputError} exit code 2 saying what the folder holds.
 */
export function claimOutputFolder(dir: string, kind: OutputCommand): FolderRecord {
  const record = inspectOutputFolder(dir);
  if (record.kind !== null && record.kind !== kind) throw holdsOutputsError(dir, record.command ?? record.kind);
  return record;
}

/**
 * Takes `dir` for a command that writes the outputs of `kind`: refuses system folders and folders
 * that cannot be written, locks the folder (one povsim at a time), and checks what it holds
 * (claimOutputFolder). The caller releases the lock.
 *
 * @throws {OutputError} exit code 2 with one line saying why.
 */
export function takeOutputFolder(dir: string, kind: OutputCommand, command: string): { lock: FolderLock; previous: FolderRecord } {
  checkNotSystemFolder(dir);
  checkWritableDir(dir);
  const lock = lockOutputFolder(dir, command);
  try {
    return { lock, previous: claimOutputFolder(dir, kind) };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** `<dir>: holds the outputs of povsim <kind> ...` (exit code 2). */
export function holdsOutputsError(dir: string, kind: OutputCommand | string, advice = 'choose another folder with --out'): OutputError {
  return new OutputError(`${dir}: holds the outputs of povsim ${kind} (see its ${MANIFEST}); ${advice}`, 2);
}

/**
 * Before a command rewrites a folder holding an earlier run of itself: removes the earlier
 * outputs it will not write again (`keep`: they would no longer match), and temporary files
 * left by a kill. Only files the earlier manifest lists are removed.
 */
export function removeEarlierOutputs(dir: string, previous: FolderRecord, keep: readonly string[]): void {
  const kept = new Set(keep);
  for (const file of previous.files) {
    if (kept.has(file) || file === MANIFEST) continue;
    removeFile(join(dir, file));
  }
  for (const file of listScratch(dir)) removeFile(join(dir, file));
  removeEmptyFolders(dir);
}

/** The file list of a manifest: `files` of a sweep or calibration, `outputs` of a run or comparison. */
function fileListKey(manifest: Record<string, unknown>): 'files' | 'outputs' {
  return manifest['kind'] === 'sweep' || manifest['kind'] === 'calibrate' ? 'files' : 'outputs';
}

/**
 * Adds `files` (relative paths) to the list of files the folder's manifest.json says povsim wrote,
 * before they are written (see the file comment).
 */
export function listInManifest(dir: string, files: readonly string[]): void {
  updateFileList(dir, (list) => [...new Set([...list, ...files])]);
}

/**
 * After drawing failed part-way (a full disk): removes the files of `files` that were written
 * (listed in the manifest before they were drawn, so povsim's), which frees the room to bring the
 * manifest back to the files there. The data files stay complete. Never throws.
 */
export function withdrawOutputs(dir: string, files: readonly string[]): void {
  for (const file of files) if (file !== MANIFEST) removeFile(join(dir, file));
  removeEmptyFolders(dir);
  listOnlyExisting(dir);
}

/** Drops from the manifest's file list the files that are not there (after a write failed part-way). Never throws. */
export function listOnlyExisting(dir: string): void {
  try {
    updateFileList(dir, (list) => list.filter((f) => f === MANIFEST || exists(join(dir, f))));
  } catch {
    // the failure being reported matters more; a listed file that is missing is harmless
  }
}

function updateFileList(dir: string, change: (list: readonly string[]) => string[]): void {
  const path = join(dir, MANIFEST);
  const manifest = JSON.parse(readRegularText(path, READ_LIMITS.json)) as Record<string, unknown>;
  const key = fileListKey(manifest);
  const list = Array.isArray(manifest[key]) ? (manifest[key] as string[]) : [];
  writeAtomic(path, toJson({ ...manifest, [key]: change(list) }));
}

/**
 * The kind and file list of a povsim manifest.json; null if it is not one (also when it is not a
 * regular file of at most READ_LIMITS.json bytes: a FIFO or a link to /dev/zero is not read).
 */
function readManifest(path: string): FolderRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(readRegularText(path, READ_LIMITS.json));
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object' || typeof (value as { povsim?: unknown }).povsim !== 'string') return null;
  const manifest = value as Record<string, unknown>;
  const kind = manifest['kind'] === 'sweep' || manifest['kind'] === 'compare' || manifest['kind'] === 'calibrate' ? manifest['kind'] : 'seed' in manifest && 'scenario' in manifest ? 'run' : null;
  if (kind === null) return null;
  const list = manifest[fileListKey(manifest)];
  // Only names inside the folder count: a manifest edited to list `../x` proves nothing outside it.
  const inside = (f: unknown): f is string => typeof f === 'string' && f !== '' && !f.startsWith('/') && !f.split(/[\\/]/).includes('..');
  const files = Array.isArray(list) ? list.filter(inside) : kind === 'sweep' ? SWEEP_DATA_FILES : [];
  // A study (povsim robust) runs as a sweep and writes a sweep's manifest with a `study` record.
  return 'study' in manifest ? { kind, files: [...files, MANIFEST], command: 'robust' } : { kind, files: [...files, MANIFEST] };
}

/**
 * Every file below `dir` (relative, `/`-separated), scratch files left out; [] if `dir` is missing.
 * Anything else of a scratch name (a folder, a link) is listed as it is, not walked into.
 */
function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      if (folder === dir && (error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new OutputError(`${folder}: cannot read the folder (${(error as NodeJS.ErrnoException).code ?? String(error)}); choose another folder with --out`, 2);
    }
    for (const entry of entries) {
      if (isScratch(entry.name) && entry.isFile()) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory() && !isScratch(entry.name)) walk(path);
      else files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

function listScratch(dir: string): string[] {
  const found: string[] = [];
  for (const folder of ['', 'charts']) {
    let entries: Dirent[] = [];
    try {
      entries = readdirSync(join(dir, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (isScratch(entry.name) && entry.isFile() && !entry.name.startsWith('.povsim-lock')) found.push(folder === '' ? entry.name : `${folder}/${entry.name}`);
    }
  }
  return found;
}

/** Removes charts/ if removeEarlierOutputs emptied it. */
function removeEmptyFolders(dir: string): void {
  try {
    rmdirSync(join(dir, 'charts'));
  } catch {
    // not empty, or not there
  }
}

function sample(files: readonly string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}

function removeFile(path: string): void {
  try {
    if (!lstatSync(path).isDirectory()) unlinkSync(path);
  } catch {
    // already gone
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
