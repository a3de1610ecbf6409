/**
 * Progress for long work: a bar on an interactive terminal; in CI or with stderr redirected,
 * either nothing (`quietWhenPiped`) or a plain line every few seconds.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Sets the number of units done (and an optional short status text). */
  update(done: number, status?: string): void;
  stop(): void;
}

export interface ProgressOptions {
  label: string;
  total: number;
  /** Units in words, e.g. "months", "runs". */
  unit: string;
  /** With no terminal, print nothing (true) or a line every `intervalSeconds` (false). */
  quietWhenPiped: boolean;
  intervalSeconds?: number;
}

export function isInteractive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env['CI'];
}

export function startProgress(options: ProgressOptions): Progress {
  if (isInteractive()) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${options.label} [{bar}] {value}/{total} ${options.unit} | {status} | eta {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.total, 0, { status: '' });
    return {
      update: (done, status = '') => bar.update(done, { status }),
      stop: () => bar.stop(),
    };
  }
  if (options.quietWhenPiped) return { update: () => undefined, stop: () => undefined };
  const interval = (options.intervalSeconds ?? 10) * 1000;
  const started = Date.now();
  let last = started;
  let latest = 0;
  let latestStatus = '';
  const line = (): void => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = latest > 0 ? elapsed / latest : 0;
    const left = rate > 0 ? Math.round(rate * (options.total - latest)) : null;
    const eta = left === null ? '' : `, about ${left} s left`;
    process.stderr.write(`${options.label}: ${latest}/${options.total} ${options.unit}${latestStatus ? `, ${latestStatus}` : ''}${eta}\n`);
  };
  return {
    update: (done, status = '') => {
      latest = done;
      latestStatus = status;
      const now = Date.now();
      if (now - last >= interval) {
        last = now;
        line();
      }
    },
    stop: () => undefined,
  };
}
