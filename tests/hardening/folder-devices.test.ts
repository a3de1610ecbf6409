/**
 * An output folder's own files are read like every other file povsim reads (issue 10, items 1 and
 * 2): only regular files, bounded by the bytes read. A manifest.json or a .povsim-lock that is a
 * FIFO or a link to /dev/zero made `run --out DIR` hang for ever (a FIFO, deaf to SIGTERM) or grow
 * past 16 GB (/dev/zero); now the folder is refused with one line.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../src/io/files.js';
import { lockOutputFolder } from '../../src/io/folder-lock.js';
import { inspectOutputFolder } from '../../src/io/output-folder.js';
import { tempDir } from '../cli/helpers.js';

const root = tempDir('povsim-folder-devices-');

/** A folder holding `name` as a FIFO or as a link to /dev/zero. */
function folderWith(name: string, kind: 'fifo' | 'zero'): string {
  const dir = join(root, `${kind}-${name}`);
  mkdirSync(dir);
  if (kind === 'fifo') execFileSync('mkfifo', [join(dir, name)]);
  else symlinkSync('/dev/zero', join(dir, name));
  return dir;
}

describe('output folders holding devices and FIFOs', () => {
  for (const kind of ['fifo', 'zero'] as const) {
    it(`refuses a manifest.json that is ${kind === 'fifo' ? 'a FIFO' : 'a link to /dev/zero'} without reading it`, () => {
      const dir = folderWith('manifest.json', kind);
      expect(() => inspectOutputFolder(dir)).toThrow(OutputError);
      expect(() => inspectOutputFolder(dir)).toThrow(`${dir}: holds a manifest.json povsim did not write; choose another folder with --out`);
    });

    it(`refuses a .povsim-lock that is ${kind === 'fifo' ? 'a FIFO' : 'a link to /dev/zero'} as not a povsim lock`, () => {
      const dir = folderWith('.povsim-lock', kind);
      expect(() => lockOutputFolder(dir, 'test')).toThrow(`${dir}: ${join(dir, '.povsim-lock')} is not a povsim lock`);
    });
  }
});
