#!/usr/bin/env node
// The povsim command: runs the compiled command line in dist/ (built by `npm install` / `npm ci`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('povsim: not built yet; run `npm install` (or `npm run build`) in the povsim folder first\n');
  process.exit(1);
}
// Ctrl-C while the modules load: one line and exit 130, not a silent death (src/cli/startup.ts).
const { installStartupInterruption } = await import(new URL('../dist/src/cli/startup.js', import.meta.url).href);
installStartupInterruption();
await import(main.href);
