// Progress of a long load: a live bar on a terminal, a plain line every few seconds otherwise (logs, CI), nothing in tests.
import cliProgress from 'cli-progress';

export interface Progress {
  /** `position` counts in the unit of the total (rows, or bytes of a file being read); `rows` is what was handled so far. */
  update(position: number, rows: number): void;
  finish(): void;
}

export const silentProgress: Progress = { update: () => undefined, finish: () => undefined };

export interface ProgressOptions {
  label: string;
  total: number;
  out: NodeJS.WritableStream & { isTTY?: boolean };
  /** Seconds between plain lines. */
  every?: number;
  now?: () => number;
}

const formatSeconds = (s: number) => (Number.isFinite(s) ? `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}` : '?');

export function progressFor(options: ProgressOptions): Progress {
  return options.out.isTTY ? barProgress(options) : lineProgress(options);
}

function barProgress({ label, total, out, now = Date.now }: ProgressOptions): Progress {
  const started = now();
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
      stream: out as NodeJS.WriteStream,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(total, 1), 0, { rows: 0, rate: 0 });
  return {
    update(position, rows) {
      const seconds = Math.max((now() - started) / 1000, 0.001);
      bar.update(Math.min(position, total), { rows, rate: Math.round(rows / seconds) });
    },
    finish: () => bar.stop(),
  };
}

function lineProgress({ label, total, out, every = 5, now = Date.now }: ProgressOptions): Progress {
  const started = now();
  let lastLine = started;
  let last = { position: 0, rows: 0 };
  const line = () => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const share = total > 0 ? last.position / total : 1;
    const eta = share > 0 ? (seconds / share) * (1 - share) : Infinity;
    out.write(`${label}: ${Math.floor(share * 100)}% (${last.rows} rows, ${Math.round(last.rows / seconds)} rows/s, ETA ${formatSeconds(eta)})\n`);
  };
  return {
    update(position, rows) {
      last = { position, rows };
      if (now() - lastLine >= every * 1000) {
        lastLine = now();
        line();
      }
    },
    finish: () => line(),
  };
}
