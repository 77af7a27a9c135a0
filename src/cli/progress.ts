// A progress line for long runs on stderr: done/total, rate and time left. Shown
// on a terminal, or anywhere with --progress; redrawn in place with \r, at most a
// few times a second so that printing never slows the run.

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the line (with a final count) if anything was drawn. */
  done(): void;
}

/** "2m05s", "45s", "1h02m". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** The line for `done` of `total` items after `seconds`. */
export function progressLine(done: number, total: number, seconds: number, unit = 'articles'): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const left = rate > 0 ? (total - done) / rate : NaN;
  return `${done}/${total} ${unit}  ${rate.toFixed(rate < 10 ? 1 : 0)}/s  ETA ${done >= total ? '0s' : duration(left)}`;
}

export function progress(options: { force?: boolean; quiet?: boolean; unit?: string; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const on = !options.quiet && (options.force || stream.isTTY === true);
  const start = process.hrtime.bigint();
  let last = -Infinity;
  let drawn = false;
  let latest: [number, number] = [0, 0];
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
  const draw = () => {
    stream.write(`\r${progressLine(latest[0], latest[1], elapsed(), options.unit)}\u001b[K`);
    drawn = true;
  };
  return {
    update(done, total) {
      if (!on) return;
      latest = [done, total];
      const now = elapsed();
      if (now - last < 0.25 && done < total) return;
      last = now;
      draw();
    },
    done() {
      if (!on || !drawn) return;
      draw();
      stream.write('\n');
    },
  };
}
