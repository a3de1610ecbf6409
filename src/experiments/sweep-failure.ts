/**
 * Recording in manifest.json that a sweep stopped on an error (a full disk, a folder that can no
 * longer be written), so the folder never says `running` after povsim has given up on it.
 *
 * On a full disk even manifest.json cannot be rewritten (an atomic write needs room for a new
 * copy). So while a sweep runs, a small file of zeros, `manifest.json.reserve`, holds room for
 * one: on failure it is removed first, and the manifest with status `failed` and the error takes
 * its place. At the end of a sweep (and on resume, as a leftover of a killed one) it is removed.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { toJson, writeAtomic } from '../io/files.js';

/** Name of the reserve file in a sweep folder. */
export const MANIFEST_RESERVE = 'manifest.json.reserve';

/** Extra room beyond the manifest's own size (the error message, a longer sessions list). */
const RESERVE_MARGIN_BYTES = 2048;

/**
 * Writes the reserve for a manifest of `manifestBytes` bytes. Best effort: a disk too full for it
 * fails at the next write anyway, and then says so.
 */
export function reserveManifestRoom(file: string, manifestBytes: number): void {
  try {
    writeFileSync(file, Buffer.alloc(manifestBytes + RESERVE_MARGIN_BYTES));
  } catch {
    rmSync(file, { force: true });
  }
}

/** Removes the reserve (done, or about to rewrite the manifest after a failure). */
export function releaseManifestRoom(file: string): void {
  rmSync(file, { force: true });
}

/**
 * manifest.json with status `failed` and `error` (one line). Best effort: if even that cannot be
 * written, the error the sweep throws still says what happened.
 */
export function recordSweepFailure<M extends { readonly status: string }>(manifestFile: string, reserveFile: string, manifest: M, error: unknown): void {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
  releaseManifestRoom(reserveFile);
  try {
    writeAtomic(manifestFile, toJson({ ...manifest, status: 'failed', error: message }));
  } catch {
    // the original error is the one to report
  }
}
