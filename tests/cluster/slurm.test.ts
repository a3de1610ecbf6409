/**
 * The Slurm example (examples/slurm) on a real one-node Slurm: the README's own commands (read
 * from examples/slurm/README.md and run with bash) submit a 300-run sweep in 3 shards and the
 * merge, and the merged results.csv and design.csv must be byte-identical to one machine's
 * `povsim sweep`. Then each recovery path the README describes: a task killed with kill -9 and a
 * task cancelled, a task over its time limit, and a node loss.
 *
 * Run with `npm run test:cluster` (not part of `npm test`). Needs root and the slurm-wlm and munge
 * packages; skips with the reason otherwise, except under CI=true, where that is a failure.
 * No wait here is on a clock: every wait polls Slurm or a file for a state change (with a hang
 * guard of minutes, HANG_GUARD_MS, only so a broken cluster fails instead of hanging).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlurmNode, commandLine, hasEnded, jobPids, jobs, stepDaemonPids, waitFor, whyNot, type JobRecord } from './slurm-node.js';

const ROOT = process.cwd();
const SWEEP = 'tests/cluster/cluster-sweep.yaml';
const SHARDS = 3;
// Every flag the scripts pass through, and runs short enough for a busy 2-core machine.
const FLAGS = '--households 300 --months 12 --set township.villages=5 --no-charts';
const POVSIM = `${process.execPath} ${join(ROOT, 'bin/povsim.js')}`;

const skipReason = whyNot();
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

/** The ```sh blocks of the example's README. */
function readmeBlocks(): string[] {
  const readme = readFileSync(join(ROOT, 'examples/slurm/README.md'), 'utf8');
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^ {2}/gm, ''));
}

function readmeBlock(what: string, test: (block: string) => boolean): string {
  const found = readmeBlocks().filter(test);
  if (found.length !== 1) throw new Error(`expected one ${what} block in examples/slurm/README.md, found ${found.length}`);
  return found[0]!;
}

/** The README's "submit the array and the merge" commands. */
const submitBlock = (): string => readmeBlock('submit', (b) => b.includes('jobid=$(sbatch') && b.includes('--array=1-$SHARDS'));
/** The README's "submit those tasks again" commands, for the given tasks. */
function resubmitBlock(tasks: string): string {
  const block = readmeBlock('resubmit', (b) => /^TASKS=/m.test(b));
  return block.replace(/^TASKS=\S+/m, `TASKS=${tasks}`);
}

describe.skipIf(skipReason !== null && !inCi)(`the Slurm example on a one-node Slurm${skipReason === null ? '' : ` (skipped: ${skipReason})`}`, () => {
  let node: SlurmNode;
  let work: string;
  let reference: { results: Buffer; design: Buffer };
  const logs: string[] = [];

  beforeAll(async () => {
    if (skipReason !== null) throw new Error(`CI=true, and the cluster test cannot run: ${skipReason}`);
    work = mkdtempSync(join(tmpdir(), 'povsim-slurm-'));
    node = new SlurmNode(join(work, 'slurm'));
    await node.start();
    const one = spawnSync('bash', ['-c', `${POVSIM} sweep ${SWEEP} ${FLAGS} --workers 2 --out ${join(work, 'one-machine')}`],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    expect(one.status, one.stderr).toBe(0);
    reference = { results: readFileSync(join(work, 'one-machine/results.csv')), design: readFileSync(join(work, 'one-machine/design.csv')) };
  }, 10 * 60_000);

  afterAll(async () => {
    await node?.stop();
    // The logs of this test's jobs (in out/, where the scripts put them) and its folders.
    for (const log of logs) rmSync(log, { force: true });
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  }, 10 * 60_000);

  /** Runs README commands with bash from the povsim folder; returns the array and merge job ids they print. */
  function submit(block: string, out: string, extraEnv: NodeJS.ProcessEnv = {}): { array: string; merge: string } {
    const env = { ...node.env, SWEEP, OUT: out, SHARDS: String(SHARDS), POVSIM, FLAGS, ...extraEnv };
    const ran = spawnSync('bash', ['-euo', 'pipefail', '-c', block], { cwd: ROOT, env, encoding: 'utf8' });
    expect(ran.status, `${block}\n${ran.stderr}`).toBe(0);
    const ids = /array (\d+), merge (\d+)/.exec(ran.stdout);
    if (ids === null) throw new Error(`the README commands printed no job ids: ${ran.stdout}`);
    logs.push(join(ROOT, `out/povsim-merge-${ids[2]}.log`));
    for (let k = 1; k <= SHARDS; k++) logs.push(join(ROOT, `out/povsim-sweep-${ids[1]}_${k}.log`));
    return { array: ids[1]!, merge: ids[2]! };
  }

  function task(arrayId: string, k: number): JobRecord | undefined {
    return jobs(node, `${arrayId}_${k}`).find((r) => r.arrayTaskId === String(k));
  }

  const stateOf = (id: string): string => jobs(node, id).map((r) => `${r.jobId}[${r.arrayTaskId}] ${r.state} ${r.reason} restarts=${r.restarts}`).join('; ');

  /** Waits until the job has ended; returns its record. */
  function ended(id: string): Promise<JobRecord> {
    return waitFor(`job ${id} to end`, () => {
      const records = jobs(node, id);
      return records.length > 0 && records.every(hasEnded) ? records[0] : undefined;
    }, () => stateOf(id));
  }

  /** Waits until shard k has written at least two result rows, i.e. is in the middle of its runs. */
  function midShard(out: string, k: number): Promise<true> {
    const results = `${out}-shard-${k}-of-${SHARDS}/results.csv`;
    return waitFor(`shard ${k} to start writing results`, () => {
      if (!existsSync(results)) return undefined;
      return readFileSync(results, 'utf8').split('\n').length >= 4 ? true : undefined;
    });
  }

  /** The process id of the povsim process of array task k (which is running). */
  function povsimPid(arrayId: string, k: number): number {
    const record = task(arrayId, k)!;
    const pid = jobPids(node, record.jobId).find((p) => /povsim\.js sweep/.test(commandLine(p)));
    if (pid === undefined) throw new Error(`no povsim process in task ${k}: ${stateOf(`${arrayId}_${k}`)}`);
    return pid;
  }

  function expectMergedLikeOneMachine(out: string): void {
    expect(readFileSync(join(out, 'results.csv')).equals(reference.results), 'results.csv differs from one machine\'s').toBe(true);
    expect(readFileSync(join(out, 'design.csv')).equals(reference.design), 'design.csv differs from one machine\'s').toBe(true);
  }

  async function expectMergeFailed(mergeId: string): Promise<string> {
    const merge = await ended(mergeId);
    expect(merge.state).toBe('FAILED');
    const log = readFileSync(join(ROOT, `out/povsim-merge-${mergeId}.log`), 'utf8');
    const complaint = log.split('\n').filter((line) => line.startsWith('povsim:'));
    expect(complaint).toHaveLength(1);
    return complaint[0]!;
  }

  it('runs the array and the merge with the README commands: the merged files are one machine\'s', async () => {
    const out = join(work, 'main');
    const { array, merge } = submit(submitBlock(), out);
    expect((await ended(merge)).state, stateOf(array)).toBe('COMPLETED');
    for (let k = 1; k <= SHARDS; k++) expect(task(array, k)?.state).toBe('COMPLETED');
    expectMergedLikeOneMachine(out);
    const log = join(ROOT, `out/povsim-sweep-${array}_2.log`);
    expect(readFileSync(log, 'utf8')).toMatch(/^povsim-sweep: shard 2\/3, job \d+_2 \(id \d+\), attempt 1, on /);
    expect(readFileSync(log, 'utf8')).toContain('shard 2/3: 100 runs');
    if (existsSync(join(ROOT, '.git'))) {
      expect(spawnSync('git', ['check-ignore', '-q', log], { cwd: ROOT }).status, `${log} is not ignored by git`).toBe(0);
    }
  });

  it('recovers from a task killed with kill -9 and a cancelled task by resubmitting them as the README says', async () => {
    const out = join(work, 'failed');
    const first = submit(submitBlock(), out);
    // Tasks run one at a time (2 CPUs each on a 2-CPU node): task 1, then 2, then 3.
    await midShard(out, 1);
    process.kill(povsimPid(first.array, 1), 'SIGKILL');
    const killed = await ended(`${first.array}_1`);
    expect([killed.state, killed.exitCode]).toEqual(['FAILED', '137:0']);
    await midShard(out, 2);
    expect(node.run('scancel', [`${first.array}_2`]).code).toBe(0);
    expect((await ended(`${first.array}_2`)).state).toBe('CANCELLED');
    expect(await expectMergeFailed(first.merge)).toMatch(/shard-1-of-3.*not complete|shard-2-of-3/);

    const again = submit(resubmitBlock('1,2'), out);
    expect((await ended(again.merge)).state, stateOf(again.array)).toBe('COMPLETED');
    for (const k of [1, 2]) {
      expect(readFileSync(join(ROOT, `out/povsim-sweep-${again.array}_${k}.log`), 'utf8')).toMatch(/resuming: [1-9]\d* of 100 runs already done/);
    }
    expectMergedLikeOneMachine(out);
  });

  it('a task over its time limit ends TIMEOUT and is not requeued; resubmitting it recovers', async () => {
    const out = join(work, 'timeout');
    // A one-minute limit (SBATCH_TIMELIMIT overrides the #SBATCH line), and task 1 stopped in the
    // middle of its shard so that it outlives the minute, which its 100 short runs would not.
    const first = submit(submitBlock(), out, { SBATCH_TIMELIMIT: '1' });
    await midShard(out, 1);
    process.kill(povsimPid(first.array, 1), 'SIGSTOP');
    const timedOut = await ended(`${first.array}_1`);
    expect([timedOut.state, timedOut.restarts]).toEqual(['TIMEOUT', 0]);
    expect(await expectMergeFailed(first.merge)).toMatch(/shard-1-of-3.*not complete/);

    const again = submit(resubmitBlock('1'), out);
    expect((await ended(again.merge)).state, stateOf(again.array)).toBe('COMPLETED');
    expectMergedLikeOneMachine(out);
  });

  it('a node loss (slurmd, slurmstepd and the task killed with kill -9) requeues the task, which resumes; the merge waits for it', async () => {
    const out = join(work, 'node-loss');
    const { array, merge } = submit(submitBlock(), out);
    await midShard(out, 2);
    const lost = task(array, 2)!;
    const pids = [node.slurmdPid(), ...stepDaemonPids(lost.jobId), ...jobPids(node, lost.jobId)];
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    const requeued = await waitFor('task 2 to be requeued', () => {
      const record = task(array, 2);
      return record !== undefined && record.restarts === 1 && record.state === 'PENDING' ? record : undefined;
    }, () => stateOf(array));
    expect(requeued.jobId).toBe(lost.jobId);
    expect(hasEnded(jobs(node, merge)[0]!)).toBe(false);
    node.startSlurmd();

    expect((await ended(merge)).state, stateOf(array)).toBe('COMPLETED');
    const log = readFileSync(join(ROOT, `out/povsim-sweep-${array}_2.log`), 'utf8');
    expect(log).toMatch(/attempt 1, [\s\S]*attempt 2, [\s\S]*resuming: [1-9]\d* of 100 runs already done/);
    expectMergedLikeOneMachine(out);
  });
});
