/**
 * povsim's own version, read once from its package.json (found by walking up from this file, so
 * it works from the sources and from the compiled dist/ alike).
 */
import { existsSync } from 'node:fs';
import { READ_LIMITS, readRegularText } from './io/read.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackage(): { name: string; version: string; root: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      let pkg: { name?: string; version?: string } = {};
      try {
        pkg = JSON.parse(readRegularText(candidate, READ_LIMITS.json)) as typeof pkg;
      } catch {
        // Not a package.json we can read (not a regular file, not JSON): not ours; look further up.
      }
      if (pkg.name === 'povsim') return { name: pkg.name, version: pkg.version ?? '0.0.0', root: dir };
    }
    const parent = dirname(dir);
    if (parent === dir) return { name: 'povsim', version: '0.0.0', root: process.cwd() };
    dir = parent;
  }
}

const pkg = findPackage();

/** povsim's version, e.g. "0.1.0". */
export const VERSION: string = pkg.version;
/** The folder holding povsim's package.json (its shipped scenarios live in `scenarios/` there). */
export const PACKAGE_ROOT: string = pkg.root;
