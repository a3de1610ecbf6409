/**
 * `povsim explore --out`: writes the built page and its marker; writes again over its own earlier
 * output; refuses (exit 2, one line, nothing touched) a folder holding files it did not write.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { povsim, tempDir } from '../cli/helpers.js';

describe('povsim explore --out', () => {
  it('writes the page (the built dist/explore) and a marker, and may write again over its own output', () => {
    const dir = join(tempDir('povsim-explore-out-'), 'a', 'page');
    const first = povsim(['explore', '--out', dir]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`povsim explore: wrote ${join(dir, 'index.html')}, ${join(dir, 'explore.js')}, ${join(dir, 'explore.json')}; open ${join(dir, 'index.html')} in a browser\n`);
    expect(readdirSync(dir).sort()).toEqual(['explore.js', 'explore.json', 'index.html']);
    expect(readFileSync(join(dir, 'explore.js'))).toEqual(readFileSync('dist/explore/explore.js'));
    expect(JSON.parse(readFileSync(join(dir, 'explore.json'), 'utf8'))).toMatchObject({ kind: 'explore', files: ['index.html', 'explore.js'] });
    const second = povsim(['explore', '--out', dir]);
    expect(second.code).toBe(0);
  });

  it('refuses a folder with a file it did not write, and changes nothing there', () => {
    const dir = tempDir('povsim-explore-foreign-');
    writeFileSync(join(dir, 'index.html'), 'my own page');
    const result = povsim(['explore', '--out', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`povsim: ${dir}: not empty and not an earlier povsim explore output (it holds "index.html"); povsim never overwrites files it did not write: choose a new or empty folder\n`);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe('my own page');
    expect(readdirSync(dir)).toEqual(['index.html']);
  });

  it('refuses an earlier explore output to which the user added a file', () => {
    const dir = join(tempDir('povsim-explore-added-'), 'page');
    expect(povsim(['explore', '--out', dir]).code).toBe(0);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const result = povsim(['explore', '--out', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(it holds "notes.txt")');
  });

  it('writes into an empty folder, and refuses a file where the folder should be', () => {
    const empty = tempDir('povsim-explore-empty-');
    expect(povsim(['explore', '--out', empty]).code).toBe(0);
    const file = join(tempDir('povsim-explore-file-'), 'page');
    writeFileSync(file, 'x');
    const result = povsim(['explore', '--out', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`povsim: ${file}: a file stands where a folder is needed; choose another folder with --out\n`);
    mkdirSync(join(empty, 'sub'));
    expect(povsim(['explore', '--out', empty]).code).toBe(2);
    expect(existsSync(join(empty, 'sub'))).toBe(true);
  });

  it('refuses a port out of range in one line', () => {
    const result = povsim(['explore', '--port', '70000', '--no-open']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('povsim: --port: expected an integer from 0 (a free port) to 65535, found 70000\n');
  });
});
