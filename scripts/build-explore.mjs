/**
 * Builds the explorer page (`povsim explore`) into dist/explore/: index.html and explore.js, a
 * classic script (no ES modules: Chrome blocks module scripts, module workers and fetch on file://)
 * with the Web Worker inlined as text and started from a Blob URL. Run after `tsc` (it reads the
 * shipped scenarios through the compiled loader). Vite bundles the same TypeScript sources the
 * CLI runs; a guard refuses any node built-in in the bundle, and src/version.ts (which reads
 * package.json from disk) is replaced by the version as a constant.
 *
 * Usage: node scripts/build-explore.mjs
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pageDir = join(root, 'explore');
const outDir = join(root, 'dist', 'explore');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Resolves the page's virtual modules, pins the version, and refuses node built-ins. */
function povsimBrowser(virtual) {
  return {
    name: 'povsim-browser',
    enforce: 'pre',
    resolveId(id, importer) {
      if (Object.hasOwn(virtual, id)) return `\0${id}`;
      if (id === 'node:module' && importer !== undefined && importer.endsWith(join('src', 'experiments', 'stats.ts'))) {
        // stats.ts loads mathjs lazily through createRequire (a second saved at every CLI start);
        // the page bundles the three functions it uses instead.
        return '\0povsim-mathjs-require';
      }
      if (NODE_BUILTINS.has(id)) {
        // povsim's own code must stay pure; a library's optional node path (seedrandom's
        // require('crypto') for unseeded streams, never used as povsim always seeds) gets an empty module.
        if (importer === undefined || !importer.includes('/node_modules/')) {
          throw new Error(`the explorer must not load node's ${id} (imported by ${importer}): import from a pure module instead`);
        }
        return '\0povsim-empty';
      }
      if (importer !== undefined && /(^|\/)version\.js$/.test(id) && resolve(dirname(importer), id) === join(root, 'src', 'version.js')) {
        return '\0povsim-version';
      }
      return null;
    },
    load(id) {
      if (id === '\0povsim-empty') return 'export default {};';
      if (id === '\0povsim-mathjs-require') {
        return "import { mean, quantileSeq, std } from 'mathjs'; const math = { mean, quantileSeq, std }; export function createRequire() { return () => math; }";
      }
      if (id === '\0povsim-version') return `export const VERSION = ${JSON.stringify(version)};`;
      if (id.startsWith('\0') && Object.hasOwn(virtual, id.slice(1))) return virtual[id.slice(1)];
      return null;
    },
  };
}

/** One classic-script bundle of `entry`, as text. */
async function bundle(entry, virtual) {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    root: pageDir,
    // import.meta.url: only stats.ts's createRequire uses it, shimmed in the page (see povsimBrowser).
    define: { 'process.env.NODE_ENV': '"production"', __POVSIM_VERSION__: JSON.stringify(version), 'import.meta.url': '""' },
    plugins: [povsimBrowser(virtual)],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      reportCompressedSize: false,
      lib: { entry: join(pageDir, entry), formats: ['iife'], name: 'povsimExplore', fileName: () => 'bundle.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunk = outputs.find((o) => o.type === 'chunk');
  if (chunk === undefined || outputs.length !== 1) throw new Error(`${entry}: expected one script, got ${outputs.map((o) => o.fileName).join(', ')}`);
  return chunk.code;
}

const { shippedScenarios } = await import(pathToFileURL(join(root, 'dist', 'src', 'explore', 'build-catalogue.js')).href);
const catalogue = `export default ${JSON.stringify(shippedScenarios(root))};`;
const workerCode = await bundle('worker.ts', {});
const pageCode = await bundle('main.ts', {
  'virtual:povsim-catalogue': catalogue,
  'virtual:povsim-worker': `export default ${JSON.stringify(workerCode)};`,
});
const html = readFileSync(join(pageDir, 'index.html'), 'utf8')
  .replace('/*STYLE*/', () => readFileSync(join(pageDir, 'style.css'), 'utf8'));

// Written next to the old page and swapped in by one rename: a failed build leaves the last page.
const temp = `${outDir}.tmp-${process.pid}`;
rmSync(temp, { recursive: true, force: true });
mkdirSync(temp, { recursive: true });
writeFileSync(join(temp, 'index.html'), html);
writeFileSync(join(temp, 'explore.js'), pageCode);
rmSync(outDir, { recursive: true, force: true });
renameSync(temp, outDir);
const kb = (text) => (Buffer.byteLength(text) / 1024).toFixed(0);
console.log(`explorer: ${join('dist', 'explore')} (index.html ${kb(html)} KB, explore.js ${kb(pageCode)} KB with the worker ${kb(workerCode)} KB)`);
