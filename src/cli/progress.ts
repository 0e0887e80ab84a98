import cliProgress from 'cli-progress';

/** A progress bar on a terminal (stderr), nothing when output is piped or in tests. */
export interface Progress {
  start(total: number, unit: string): void;
  update(value: number, total?: number): void;
  increment(): void;
  stop(): void;
}

export function progressBar(label: string): Progress {
  let bar: cliProgress.SingleBar | null = null;
  return {
    start(total, unit) {
      bar?.stop();
      bar = new cliProgress.SingleBar(
        { format: `${label} [{bar}] {value}/{total} ${unit}`, hideCursor: true, noTTYOutput: false },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    },
    update(value, total) {
      if (total !== undefined) bar?.setTotal(total);
      bar?.update(value);
    },
    increment: () => bar?.increment(),
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
