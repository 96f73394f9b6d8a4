import { Text } from '@mantine/core';

const WIDTH = 120;
const HEIGHT = 28;

/** A small line of values over time, for a table cell; `summary` says in words what it shows, for screen readers. */
export function Sparkline({ values, summary }: { values: number[]; summary: string }) {
  if (values.length < 2)
    return (
      <Text component="span" c="dimmed" size="sm">
        collecting…
      </Text>
    );
  const top = Math.max(1, ...values);
  const points = values
    .map(
      (value, index) => `${((index / (values.length - 1)) * WIDTH).toFixed(1)},${(HEIGHT - 2 - (value / top) * (HEIGHT - 4)).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg className="sparkline" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
      <title>{summary}</title>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}
