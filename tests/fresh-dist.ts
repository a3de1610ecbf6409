/**
 * Vitest global setup: the command-line tests run the built dist/ (bin/povsim.js imports it), so a
 * dist/ older than src/ would test yesterday's code and pass. `npm test` builds first; a plain
 * `npx vitest` after editing src/ stops here, with a line that says what to do.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every .ts file below `dir` (declaration files left out). */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}

/**
 * Why dist/ under `root` does not hold a build of src/ as it is now (a source file with no built
 * file, or changed after its built file was written), or null when every built file is fresh.
 */
export function staleDist(root: string): string | null {
  for (const source of sources(join(root, 'src'))) {
    const built = join(root, 'dist', relative(root, source)).replace(/\.ts$/, '.js');
    let builtAt: number;
    try {
      builtAt = statSync(built).mtimeMs;
    } catch {
      return `${relative(root, built)} is missing (the build of ${relative(root, source)})`;
    }
    if (statSync(source).mtimeMs > builtAt) return `${relative(root, source)} changed after ${relative(root, built)} was built`;
  }
  return null;
}

/** Throws, saying what to do, when dist/ under `root` is stale. */
export function checkFreshDist(root: string): void {
  const stale = staleDist(root);
  if (stale !== null) {
    throw new Error(`dist/ is stale: ${stale}. The command-line tests run dist/: build with \`npx tsc -p tsconfig.json\` (npm test does) and run again.`);
  }
}

export default function setup(): void {
  checkFreshDist(process.cwd());
}
