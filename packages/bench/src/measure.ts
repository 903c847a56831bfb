/** Timing helpers for benchmarks. Figures are printed, never asserted. */

/** Milliseconds of one call. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median of several runs, after one warm-up run. */
export async function medianMs(
  runs: number,
  fn: () => unknown,
): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await timeMs(fn));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** One row of a printed table. */
export function row(cells: Array<string | number>, widths: number[]): string {
  return cells
    .map((cell, i) =>
      typeof cell === 'number'
        ? String(cell).padStart(widths[i])
        : cell.padEnd(widths[i]),
    )
    .join('  ');
}
