/** The value below which `fraction` of the samples fall (nearest rank); NaN when there are none. */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank]!;
}

export interface Latencies {
  p50: number;
  p99: number;
}

export function latencies(samples: readonly number[]): Latencies {
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

/** Milliseconds since `start` (a performance.now() reading). */
export function elapsedMs(start: number): number {
  return performance.now() - start;
}

export function perSecond(count: number, ms: number): number {
  return (count * 1000) / ms;
}

/**
 * CPU milliseconds the whole process (every thread, LanceDB's included) spent since `start` (a process.cpuUsage()
 * reading): the work a step cost, which other programs on the machine change far less than its wall time.
 */
export function cpuMs(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}
