/**
 * The guard against a stale dist/ (tests/fresh-dist.ts, the suite's global setup): the command-line
 * tests run the built code, so a dist/ older than src/ must stop the run instead of testing old code.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../cli/helpers.js';
import { checkFreshDist, staleDist } from '../fresh-dist.js';

/** A project folder with src/cli/a.ts and, unless `built` is null, dist/src/cli/a.js, with those mtimes (s). */
function project(source: number, built: number | null): string {
  const root = tempDir('povsim-fresh-dist-');
  mkdirSync(join(root, 'src/cli'), { recursive: true });
  writeFileSync(join(root, 'src/cli/a.ts'), 'export const a = 1;\n');
  utimesSync(join(root, 'src/cli/a.ts'), source, source);
  writeFileSync(join(root, 'src/types.d.ts'), 'declare const x: number;\n');
  if (built !== null) {
    mkdirSync(join(root, 'dist/src/cli'), { recursive: true });
    writeFileSync(join(root, 'dist/src/cli/a.js'), 'export const a = 1;\n');
    utimesSync(join(root, 'dist/src/cli/a.js'), built, built);
  }
  return root;
}

describe('a stale dist/ is refused', () => {
  it('a build newer than its source is fresh', () => {
    expect(staleDist(project(1_000_000, 1_000_010))).toBeNull();
  });

  it('a source changed after its build is named', () => {
    expect(staleDist(project(1_000_010, 1_000_000))).toBe('src/cli/a.ts changed after dist/src/cli/a.js was built');
  });

  it('a source never built is named', () => {
    expect(staleDist(project(1_000_000, null))).toBe('dist/src/cli/a.js is missing (the build of src/cli/a.ts)');
  });

  it('the global setup stops the run with what to do', () => {
    expect(() => checkFreshDist(project(1_000_010, 1_000_000))).toThrow('dist/ is stale: src/cli/a.ts changed after dist/src/cli/a.js was built. The command-line tests run dist/: build with `npx tsc -p tsconfig.json`');
  });

  it('this checkout passed the same check before the tests started', () => {
    expect(staleDist(process.cwd())).toBeNull();
  });
});
