/**
 * What the documentation shows a user must work as shown (issue 10 item 24): every `import` in a
 * code block of README.md and docs/*.md names a module the package exports (package.json
 * "exports"; a path inside the package is not one) and bindings that module has; every sweep
 * folder docs/charts.md charts comes from a sweep file that ships.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DOCS = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];

/** Every `import { a, b } from 'spec'` in the fenced code blocks of `file`. */
function importsIn(file: string): { spec: string; names: string[] }[] {
  const text = readFileSync(file, 'utf8');
  const blocks = [...text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((code) =>
    [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)].map((m) => ({
      spec: m[2]!,
      names: m[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, '')).filter((n) => n !== ''),
    })));
}

describe('imports shown in the documentation', () => {
  const imports = DOCS.flatMap((file) => importsIn(file).map((i) => ({ ...i, file })));
  const exported = Object.keys((JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> }).exports);

  it('are found (the check reads the code blocks)', () => {
    expect(imports.map((i) => i.spec)).toContain('povsim');
  });

  it('name modules the package exports', () => {
    for (const { file, spec } of imports) {
      const subpath = spec === 'povsim' ? '.' : spec.startsWith('povsim/') ? `./${spec.slice('povsim/'.length)}` : null;
      expect(subpath !== null && exported.includes(subpath), `${file}: import from '${spec}': the package exports ${exported.join(', ')}`).toBe(true);
    }
  });

  it('name bindings those modules have (imported by name from the built package, as a user would)', () => {
    const specs = [...new Set(imports.map((i) => i.spec))];
    const script = `const out = {}; for (const s of ${JSON.stringify(specs)}) out[s] = Object.keys(await import(s)); console.log(JSON.stringify(out));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const keys = JSON.parse(result.stdout) as Record<string, string[]>;
    for (const { file, spec, names } of imports) {
      for (const name of names) expect(keys[spec], `${file}: ${name} from '${spec}'`).toContain(name);
    }
  });
});

describe('folders docs/charts.md charts', () => {
  it('come from a shipped scenario, comparison or sweep file', () => {
    const sweeps = readdirSync('scenarios/sweeps').filter((f) => f.endsWith('.yaml'))
      .map((f) => (parse(readFileSync(join('scenarios/sweeps', f), 'utf8')) as { name: string }).name);
    const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    const text = readFileSync('docs/charts.md', 'utf8');
    const folders = [...new Set([...text.matchAll(/out\/([A-Za-z0-9-]+)/g)].map((m) => m[1]!))];
    expect(folders.length).toBeGreaterThan(2);
    for (const folder of folders) {
      const known = sweeps.includes(folder) || folder.startsWith('compare-') || folder === 'empty' ||
        scenarios.some((s) => new RegExp(`^${s}-\\d+$`).test(folder));
      expect(known, `docs/charts.md: out/${folder} is not the folder of a shipped scenario or sweep (sweeps: ${sweeps.join(', ')})`).toBe(true);
    }
  });
});
