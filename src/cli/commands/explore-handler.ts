/**
 * `povsim explore`: writes the page with --out, or serves it on 127.0.0.1 (node:http, from
 * memory, only the page's own files) until Ctrl-C or SIGTERM, which stop it with exit code 0.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { delimiter, join } from 'node:path';
import { lockOutputFolder } from '../../io/folder-lock.js';
import { checkNotSystemFolder } from '../../io/output-folder.js';
import { readPage, writePage } from '../../explore/page-files.js';
import { InputError } from '../../scenario/errors.js';
import type { ExploreArgs } from './explore.js';
import { endStartupInterruption } from '../startup.js';
import { commandLine } from '../flags.js';

const TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'explore.js': 'text/javascript; charset=utf-8',
};

export async function explore(args: ExploreArgs): Promise<number> {
  if (args.out !== undefined) {
    if (args.out.trim() === '') throw new InputError({ file: '--out', expected: 'a folder', found: 'nothing' });
    checkNotSystemFolder(args.out);
    // One povsim at a time in the folder (writePage then accepts only a new or empty folder or an earlier page).
    const lock = lockOutputFolder(args.out, commandLine());
    let paths: string[];
    try {
      paths = writePage(args.out);
    } finally {
      lock.release();
    }
    process.stdout.write(`povsim explore: wrote ${paths.join(', ')}; open ${join(args.out, 'index.html')} in a browser\n`);
    return 0;
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new InputError({ file: '--port', expected: 'an integer from 0 (a free port) to 65535', found: String(args.port) });
  }
  const files = new Map(readPage());
  const server = createServer((request, response) => {
    const name = (request.url ?? '/').split(/[?#]/)[0]!.replace(/^\/$/, '/index.html').slice(1);
    const body = files.get(name);
    if ((request.method !== 'GET' && request.method !== 'HEAD') || body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[name] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  const url = await listen(server, args.port);
  const opened = args.open && openBrowser(url);
  process.stdout.write(`povsim explore: serving ${url}${opened ? ' (opening your browser)' : ''}; Ctrl-C stops\n`);
  await stopped(server);
  process.stdout.write('povsim explore: stopped\n');
  return 0;
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new InputError({ file: '--port', detail: `port ${port} is in use; give another or 0 for a free one` }) : error));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : port}/`);
    });
  });
}

/** Resolves once SIGINT or SIGTERM has closed the server. */
function stopped(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    endStartupInterruption(); // the server answers signals itself now (exit 0, not start-up's 130)
  });
}

/** The command that opens a URL in the default browser here, or null when there is none. */
function opener(): string[] | null {
  if (process.platform === 'darwin') return ['open'];
  if (process.platform === 'win32') return ['cmd', '/c', 'start', '""'];
  const display = process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'];
  const onPath = (process.env['PATH'] ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, 'xdg-open')));
  return display && onPath ? ['xdg-open'] : null;
}

/** Starts the default browser on `url` if there is one; never fails the command. */
function openBrowser(url: string): boolean {
  const command = opener();
  if (command === null) return false;
  try {
    const child = spawn(command[0]!, [...command.slice(1), url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
