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
  /**
   * Units done before this start (a resumed sweep's runs): counted in `total` and in what `update`
   * is given, so that the progress shows the same total as the heading, but not in the rate.
   */
  alreadyDone?: number;
  /** Where the progress goes (default: stderr). */
  stream?: NodeJS.WriteStream;
}

export function isInteractive(stream: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(stream.isTTY) && !process.env['CI'];
}

/**
 * A time left or taken, in seconds, as the bar shows it: "45s", "2m05s", "1h02m"; "--" while it is
 * not known yet (the bar's first frames have no rate: cli-progress passes "INF" or "NULL").
 */
export function formatSeconds(seconds: number | string): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  const two = (n: number): string => String(n).padStart(2, '0');
  if (s >= 3600) return `${Math.floor(s / 3600)}h${two(Math.round((s % 3600) / 60))}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${two(s % 60)}s`;
  return `${s}s`;
}

/**
 * The plain progress line (no terminal): units done of the total, the status, and the time left
 * from the rate of this start's units (`alreadyDone` units were done before it).
 */
export function progressLine(options: ProgressOptions, done: number, status: string, elapsedSeconds: number): string {
  const ranNow = done - (options.alreadyDone ?? 0);
  const left = ranNow > 0 ? Math.round((elapsedSeconds / ranNow) * (options.total - done)) : null;
  const eta = left === null ? '' : `, about ${left} s left`;
  return `${options.label}: ${done}/${options.total} ${options.unit}${status ? `, ${status}` : ''}${eta}\n`;
}

export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const alreadyDone = options.alreadyDone ?? 0;
  if (isInteractive(stream)) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${options.label} [{bar}] {value}/{total} ${options.unit} | {status} | eta {eta_formatted}`,
        stream,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        formatTime: formatSeconds,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.total, alreadyDone, { status: '' });
    return {
      update: (done, status = '') => bar.update(done, { status }),
      stop: () => bar.stop(),
    };
  }
  if (options.quietWhenPiped) return { update: () => undefined, stop: () => undefined };
  const interval = (options.intervalSeconds ?? 10) * 1000;
  const started = Date.now();
  let last = started;
  let latest = alreadyDone;
  let latestStatus = '';
  const line = (): void => {
    stream.write(progressLine(options, latest, latestStatus, (Date.now() - started) / 1000));
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
