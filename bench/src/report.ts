import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

/** One measured figure beside its baseline; `ratio` is ours / baseline (what it costs or gains). */
export interface Figure {
  section: string;
  name: string;
  unit: string;
  value: number;
  baseline?: { name: string; value: number };
  /** Higher is better (throughput) or lower is better (latency): tells how to read the ratio. */
  better: 'higher' | 'lower';
  note?: string;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string };
  loadBefore: number[];
  loadAfter: number[];
  options: Record<string, unknown>;
  figures: Array<Figure & { ratio?: number }>;
  /** Sections not measured, with why. */
  missing: string[];
}

export class Recorder {
  readonly figures: Figure[] = [];
  readonly missing: string[] = [];
  private readonly startedAt = new Date();
  private readonly loadBefore = loadavg();

  constructor(private readonly options: Record<string, unknown>) {}

  add(figure: Figure): void {
    this.figures.push(figure);
    process.stdout.write(`${formatLine(figure)}\n`);
  }

  skip(section: string, why: string): void {
    this.missing.push(`${section}: ${why}`);
    process.stdout.write(`(not measured) ${section}: ${why}\n`);
  }

  /** Writes results/<timestamp>.json and .md; answers the two paths. */
  async write(directory: string): Promise<string[]> {
    const report: Report = {
      startedAt: this.startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGb: round(totalmem() / 2 ** 30),
        node: process.version,
      },
      loadBefore: this.loadBefore.map(round),
      loadAfter: loadavg().map(round),
      options: this.options,
      figures: this.figures.map((figure) => ({ ...figure, ratio: ratioOf(figure) })),
      missing: this.missing,
    };
    await mkdir(directory, { recursive: true });
    const stamp = report.startedAt.replace(/[:.]/g, '-');
    const paths = [join(directory, `${stamp}.json`), join(directory, `${stamp}.md`)];
    await writeFile(paths[0]!, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(paths[1]!, markdown(report));
    return paths;
  }
}

function ratioOf(figure: Figure): number | undefined {
  return figure.baseline && figure.baseline.value !== 0 ? round(figure.value / figure.baseline.value) : undefined;
}

function formatLine(figure: Figure): string {
  const unit = figure.unit ? ` ${figure.unit}` : '';
  const ours = `${figure.section} | ${figure.name}: ${format(figure.value)}${unit}`;
  const note = figure.note ? ` | ${figure.note}` : '';
  if (!figure.baseline) return `${ours}${note}`;
  return `${ours} | baseline ${figure.baseline.name}: ${format(figure.baseline.value)}${unit} | ratio ${format(ratioOf(figure) ?? Number.NaN)} (${figure.better} is better)${note}`;
}

function markdown(report: Report): string {
  const rows = report.figures.map((figure) =>
    [
      figure.section,
      figure.name,
      `${format(figure.value)} ${figure.unit}`.trim(),
      figure.baseline ? `${figure.baseline.name}: ${format(figure.baseline.value)}` : '—',
      figure.ratio === undefined ? '—' : format(figure.ratio),
      figure.better,
      figure.note ?? '',
    ].join(' | '),
  );
  return [
    `# Benchmark ${report.startedAt}`,
    '',
    `Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, Node ${report.machine.node}.`,
    `Load average (1/5/15 min) before: ${report.loadBefore.join(' / ')}, after: ${report.loadAfter.join(' / ')}. Other work on the machine makes every figure noisy; compare ratios, not absolutes.`,
    `Options: \`${JSON.stringify(report.options)}\`. Finished ${report.finishedAt}.`,
    '',
    '| section | figure | value | baseline | ratio (ours / baseline) | better | note |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
    ...(report.missing.length > 0 ? ['## Not measured', '', ...report.missing.map((line) => `- ${line}`), ''] : []),
  ].join('\n');
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
