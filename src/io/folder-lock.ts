/**
 * One povsim at a time in an output folder: a lock file `.povsim-lock` inside the folder, made
 * with an exclusive create (link(2) of a complete temporary file, which fails if the lock exists),
 * holding the holder's pid, host, command and start time. A second process finds it and stops
 * with one line naming the holder (exit code 2).
 *
 * A holder killed by SIGKILL cannot remove its lock. Such a lock is stale when its pid no longer
 * runs on this host; the next command removes it and goes on at once, so `--resume` right after a
 * kill works. (A lock-file library that judges staleness by age, as proper-lockfile does by the
 * lock's mtime, would make a resume wait out the age after every kill, and would call the lock
 * compromised when a long synchronous run kept its timer from refreshing the mtime.) A lock made on
 * another host (a shared file system) is never judged stale: the message says to remove it by hand
 * once that process is gone.
 *
 * Locks are reentrant within a process (a command that locks, then calls the library, which locks
 * the same folder again) and removed when the process exits, also by process.exit.
 */
import { hostname } from 'node:os';
import { linkSync, mkdirSync, readdirSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { OutputError } from './files.js';
import { readRegularText } from './read.js';
import { InputError } from '../scenario/errors.js';

/** Longest lock file read (a holder's record is one short line). */
const MAX_LOCK_BYTES = 64 * 1024;

/** Name of the lock file inside a locked output folder. */
export const LOCK_FILE = '.povsim-lock';

/** What a lock file records. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
}

/** A lock held by this process; `release` ends it (reentrant: the last release removes the file). */
export interface FolderLock {
  readonly dir: string;
  release(): void;
}

interface Held {
  count: number;
  readonly file: string;
  readonly dir: string;
  /** The outermost folder taking the lock created (removed again on release, with the folders below it, if still empty). */
  readonly created: string | null;
}

const held = new Map<string, Held>();
let exitHook = false;

/**
 * Locks the output folder `dir` for this process (creating the folder if needed).
 *
 * @param command - the command line, recorded for a process that finds the lock held.
 * @throws {OutputError} exit code 2, naming the holder, when another live process holds the lock.
 */
export function lockOutputFolder(dir: string, command: string): FolderLock {
  const key = resolve(dir);
  const existing = held.get(key);
  if (existing !== undefined) {
    existing.count += 1;
    return { dir, release: () => release(key) };
  }
  const created = createFolder(dir);
  const file = join(key, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
  try {
    take(file, holder, dir);
  } catch (error) {
    removeIfEmpty(key, created);
    throw error;
  }
  held.set(key, { count: 1, file, dir: key, created });
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const lock of held.values()) {
        removeQuietly(lock.file);
        removeIfEmpty(lock.dir, lock.created);
      }
    });
  }
  return { dir, release: () => release(key) };
}

/** Runs `work` with `dir` locked (see lockOutputFolder), releasing the lock however it ends. */
export async function withFolderLock<T>(dir: string, command: string, work: () => Promise<T>): Promise<T> {
  const lock = lockOutputFolder(dir, command);
  try {
    return await work();
  } finally {
    lock.release();
  }
}

/** Creates the lock file, removing a stale one first; throws OutputError if a live process holds it. */
function take(file: string, holder: LockHolder, dir: string): void {
  const temp = `${file}.${process.pid}`;
  try {
    writeFileSync(temp, `${JSON.stringify(holder)}\n`);
  } catch (error) {
    removeQuietly(temp);
    throw lockedError(dir, file, error);
  }
  try {
    let other: LockHolder | 'gone' | null = 'gone';
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        linkSync(temp, file);
        removeDeadTemporaries(dirname(file));
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw lockedError(dir, file, error);
      }
      other = readHolder(file);
      if (other === 'gone') continue;
      if (other === null || isAlive(other)) break;
      removeQuietly(file); // stale: its process is gone
    }
    throw lockedError(dir, file, other);
  } finally {
    removeQuietly(temp);
  }
}

function lockedError(dir: string, file: string, found: unknown): OutputError {
  if (found !== null && typeof found === 'object' && 'pid' in found) {
    const h = found as LockHolder;
    const where = h.host === hostname() ? `pid ${h.pid}` : `pid ${h.pid} on ${h.host}`;
    return new OutputError(
      `${dir}: in use by another povsim (${where}, ${JSON.stringify(h.command)}, since ${h.since}); wait for it to finish, or choose another folder with --out` +
        (h.host === hostname() ? '' : ` (remove ${file} by hand once that process is gone)`),
      2,
    );
  }
  if (found === null) {
    return new OutputError(`${dir}: ${file} is not a povsim lock; remove it if no povsim is working in this folder, or choose another folder with --out`, 2);
  }
  const code = (found as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new OutputError(`${dir}: the disk is full; nothing was written`, 1);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new OutputError(`${dir}: cannot write here (${code === 'EROFS' ? 'read-only file system' : 'permission denied'}); choose another folder with --out`, 2);
  }
  return new OutputError(`${dir}: cannot take the folder's lock ${file} (${code ?? String(found)})`, 1);
}

/**
 * The holder recorded in `file`; 'gone' if the file vanished meanwhile; null if it is not a povsim
 * lock (also when it is not a small regular file: a FIFO or a link to /dev/zero is not read).
 */
function readHolder(file: string): LockHolder | 'gone' | null {
  let text: string;
  try {
    text = readRegularText(file, MAX_LOCK_BYTES);
  } catch (error) {
    return error instanceof InputError && error.detail === 'no such file' ? 'gone' : null;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.command === 'string' && typeof value.since === 'string') {
      return value as LockHolder;
    }
  } catch {
    // not JSON
  }
  return null;
}

/** True unless the holder's process is known to be gone (it ran on this host and its pid is free). */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false; // an earlier life of this pid cannot be running now
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Removes `.povsim-lock.<pid>` files of processes killed while taking a lock. */
function removeDeadTemporaries(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = /^\.povsim-lock\.(\d+)$/.exec(name);
    if (match === null || Number(match[1]) === process.pid) continue;
    if (!isAlive({ pid: Number(match[1]), host: hostname(), command: '', since: '' })) removeQuietly(join(dir, name));
  }
}

function release(key: string): void {
  const lock = held.get(key);
  if (lock === undefined) return;
  lock.count -= 1;
  if (lock.count > 0) return;
  held.delete(key);
  removeQuietly(lock.file);
  removeIfEmpty(lock.dir, lock.created);
}

/** Creates `dir` (and parents); returns the outermost folder it created, or null. */
function createFolder(dir: string): string | null {
  try {
    return mkdirSync(dir, { recursive: true }) ?? null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new OutputError(`${dir}: cannot write here (${code === 'EROFS' ? 'read-only file system' : 'permission denied'}); choose another folder with --out`, 2);
    }
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new OutputError(`${dir}: a file stands where a folder is needed; choose another folder with --out`, 2);
    throw new OutputError(`${dir}: cannot create the folder (${code ?? String(error)})`, 1);
  }
}

/** Removes the folders from `dir` up to `created` (the outermost one taking the lock made), innermost first, while empty. */
function removeIfEmpty(dir: string, created: string | null): void {
  if (created === null) return;
  for (let folder = dir; ; folder = dirname(folder)) {
    try {
      rmdirSync(folder);
    } catch {
      return; // not empty (the command wrote its files) or already gone: leave it and its parents
    }
    if (folder === resolve(created) || dirname(folder) === folder) return;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
