/**
 * A one-node Slurm cluster for the cluster test, brought up from nothing on this machine: munged
 * (unless one already answers), slurmctld and slurmd, each started here in the foreground so the
 * test knows its process id and stops exactly what it started. The configuration lives in a
 * temporary folder (SLURM_CONF), with its own ports, state and spool folders; nothing under
 * /etc/slurm is read or written.
 *
 * Needs root and Debian's slurm-wlm and munge packages (the packages install the munge key but,
 * with no systemd, start nothing). `whyNot()` says why a cluster cannot be brought up here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, chownSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Every wait below polls for a state change; this only stops a wait on something that never comes. */
export const HANG_GUARD_MS = 5 * 60_000;
const POLL_MS = 200;

const CLIENTS = ['sbatch', 'squeue', 'scontrol', 'scancel', 'sinfo', 'munge', 'unmunge'];
const DAEMONS = ['munged', 'slurmctld', 'slurmd'];
const SBIN_PATH = `${process.env['PATH'] ?? ''}:/usr/sbin:/sbin`;

function which(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8', env: { ...process.env, PATH: SBIN_PATH } });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** Why a Slurm node cannot be brought up here, or null if it can. */
export function whyNot(): string | null {
  if (process.platform !== 'linux') return `needs Linux, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'needs root (starts munged, slurmctld and slurmd)';
  const missing = [...CLIENTS, ...DAEMONS].filter((command) => which(command) === null);
  if (missing.length > 0) return `needs the Debian packages slurm-wlm and munge (missing: ${missing.join(', ')})`;
  if (!existsSync('/etc/munge/munge.key')) return 'needs /etc/munge/munge.key (made by the munge package)';
  return null;
}

/** Waits until `check` returns a value (not undefined), polling; fails with `what` and the last state after the hang guard. */
export async function waitFor<T>(what: string, check: () => T | undefined, describeState: () => string = () => ''): Promise<T> {
  const giveUp = Date.now() + HANG_GUARD_MS;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > giveUp) throw new Error(`gave up waiting for ${what}; ${describeState()}`);
    await sleep(POLL_MS);
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** The `slurmd -C` line for this machine, with RealMemory lowered by a tenth (slurmd refuses a node that has less than configured). */
function nodeLine(name: string): string {
  const probe = spawnSync(which('slurmd')!, ['-C'], { encoding: 'utf8' });
  const line = probe.stdout.split('\n').find((l) => l.startsWith('NodeName='));
  if (line === undefined) throw new Error(`slurmd -C printed no NodeName line: ${probe.stdout}${probe.stderr}`);
  return line
    .replace(/^NodeName=\S+/, `NodeName=${name} NodeAddr=127.0.0.1`)
    .replace(/RealMemory=(\d+)/, (_, mb: string) => `RealMemory=${Math.floor(Number(mb) * 0.9)}`)
    .replace(/\s*UpTime=\S+/, '');
}

function slurmConf(dir: string, name: string): string {
  return [
    'ClusterName=povsimtest',
    `SlurmctldHost=${name}(127.0.0.1)`,
    'SlurmUser=root',
    'SlurmctldPort=6917',
    'SlurmdPort=6918',
    'AuthType=auth/munge',
    // A requeued job waits this long before it may start again (default 120 s).
    'AuthInfo=cred_expire=10',
    `StateSaveLocation=${join(dir, 'state')}`,
    `SlurmdSpoolDir=${join(dir, 'spool')}`,
    `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
    `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
    `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`,
    `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    'SelectType=select/cons_tres',
    'MpiDefault=none',
    'JobAcctGatherType=jobacct_gather/none',
    'AccountingStorageType=accounting_storage/none',
    // A node that comes back (slurmd restarted after a simulated loss) takes jobs again.
    'ReturnToService=2',
    // Finished jobs stay visible to `scontrol show job` for the whole test (there is no accounting).
    'MinJobAge=3600',
    'KillWait=5',
    // A silent node is declared down after this many seconds (default 300).
    'SlurmdTimeout=10',
    nodeLine(name),
    `PartitionName=test Nodes=${name} Default=YES MaxTime=INFINITE State=UP`,
    '',
  ].join('\n');
}

export class SlurmNode {
  readonly env: NodeJS.ProcessEnv;
  readonly nodeName = hostname();
  private readonly started: { name: string; child: ChildProcess }[] = [];

  constructor(readonly dir: string) {
    this.env = { ...process.env, PATH: SBIN_PATH, SLURM_CONF: join(dir, 'slurm.conf') };
  }

  /** Writes the configuration, starts the daemons and waits until the node is idle. */
  async start(): Promise<void> {
    for (const sub of ['state', 'spool']) mkdirSync(join(this.dir, sub), { recursive: true });
    writeFileSync(join(this.dir, 'slurm.conf'), slurmConf(this.dir, this.nodeName));
    await this.startMunge();
    this.daemon('slurmctld', ['-D']);
    this.startSlurmd();
    await waitFor('the Slurm node to be idle', () => (this.run('sinfo', ['-h', '-o', '%T']).stdout.trim() === 'idle' ? true : undefined),
      () => `sinfo says "${this.run('sinfo', ['-h', '-o', '%T %E']).stdout.trim()}"; logs in ${this.dir}`);
  }

  /** Starts slurmd (again, after `killSlurmd`). */
  startSlurmd(): void {
    this.daemon('slurmd', ['-D']);
  }

  /** The process id of the slurmd started last. */
  slurmdPid(): number {
    const slurmd = this.started.filter((d) => d.name === 'slurmd' && d.child.exitCode === null && d.child.signalCode === null);
    if (slurmd.length !== 1) throw new Error(`expected one running slurmd, found ${slurmd.length}`);
    return slurmd[0]!.child.pid!;
  }

  /** Runs a Slurm client command against this cluster. */
  run(command: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
    const result = spawnSync(command, args, { env: this.env, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** Cancels every job, waits for the queue to empty, then stops the daemons it started (by process id), last started first. */
  async stop(): Promise<void> {
    if (this.started.some((d) => d.name === 'slurmctld')) {
      this.run('scancel', ['--user=root']);
      await waitFor('the queue to empty', () => (this.run('squeue', ['-h']).stdout.trim() === '' ? true : undefined)).catch(() => undefined);
    }
    for (const { child } of [...this.started].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited(child).then(() => true), sleep(30_000).then(() => false)]);
      if (!stopped) child.kill('SIGKILL');
    }
  }

  private daemon(name: string, args: readonly string[], user?: { uid: number; gid: number }): void {
    const child = spawn(which(name)!, args, { env: this.env, stdio: 'ignore', ...(user ?? {}) });
    child.on('error', () => undefined);
    this.started.push({ name, child });
  }

  /** Starts munged as the munge user (after making /run/munge, its socket folder) unless a munged already answers. */
  private async startMunge(): Promise<void> {
    if (this.mungeAnswers()) return;
    const munge = spawnSync('id', ['-u', 'munge'], { encoding: 'utf8' });
    const uid = Number(munge.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'munge'], { encoding: 'utf8' }).stdout.trim());
    mkdirSync('/run/munge', { recursive: true });
    chownSync('/run/munge', uid, gid);
    this.daemon('munged', ['--foreground', '--force'], { uid, gid });
    await waitFor('munged to answer', () => (this.mungeAnswers() ? true : undefined));
  }

  private mungeAnswers(): boolean {
    return spawnSync('sh', ['-c', 'munge -n | unmunge'], { stdio: 'ignore' }).status === 0;
  }
}

/** One job (or array task) as `scontrol show job -o` sees it. */
export interface JobRecord {
  readonly jobId: string;
  readonly arrayTaskId: string;
  readonly state: string;
  readonly reason: string;
  readonly restarts: number;
  readonly exitCode: string;
}

/** The records of a job or an array job (one per task once the array is split), or [] if Slurm does not know it. */
export function jobs(node: SlurmNode, id: string): JobRecord[] {
  const shown = node.run('scontrol', ['show', 'job', '-o', id]);
  if (shown.code !== 0) return [];
  return shown.stdout.split('\n').filter((line) => line.startsWith('JobId=')).map((line) => {
    const field = (key: string): string => new RegExp(`(?:^|\\s)${key}=(\\S*)`).exec(line)?.[1] ?? '';
    return {
      jobId: field('JobId'),
      arrayTaskId: field('ArrayTaskId'),
      state: field('JobState'),
      reason: field('Reason'),
      restarts: Number(field('Restarts')),
      exitCode: field('ExitCode'),
    };
  });
}

const ENDED = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'OUT_OF_MEMORY', 'NODE_FAIL', 'BOOT_FAIL', 'DEADLINE', 'PREEMPTED']);

/** Whether a job state is final (a requeued job is PENDING again, not ended). */
export function hasEnded(record: JobRecord): boolean {
  return ENDED.has(record.state);
}

/** Process ids of the job's processes (`scontrol listpids`), which needs its slurmd alive. */
export function jobPids(node: SlurmNode, rawJobId: string): number[] {
  const listed = node.run('scontrol', ['listpids', rawJobId]);
  return listed.stdout.split('\n').slice(1).map((line) => Number(line.trim().split(/\s+/)[0])).filter((pid) => pid > 0);
}

/** The command line of a process ('' once it is gone). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

/** Process ids of the slurmstepd processes that run a job's steps (`slurmstepd: [ID.batch]`). */
export function stepDaemonPids(rawJobId: string): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number)
    .filter((pid) => commandLine(pid).startsWith(`slurmstepd: [${rawJobId}.`));
}
