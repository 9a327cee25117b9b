/** A tiny line of counts in plain SVG: the previous window in grey, the current one in colour, a line between. */

interface Props {
  values: readonly number[];
  /** Colour of the current half. */
  colour: string;
  width?: number;
  height?: number;
  /** Read out by screen readers and shown on hover. */
  label: string;
}

/** The sparkline. */
export function Sparkline({ values, colour, width = 100, height = 28, label }: Props) {
  if (values.length < 2) return null;
  const pad = 3;
  const max = Math.max(1, ...values);
  const step = (width - 2 * pad) / (values.length - 1);
  const pts = values.map((v, i) => [pad + i * step, height - pad - (v / max) * (height - 2 * pad)] as const);
  const half = Math.floor(values.length / 2);
  const path = (from: number, to: number) => pts.slice(from, to + 1).map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
  const midX = pad + (half - 0.5) * step;
  const [lx, ly] = pts[pts.length - 1]!;
  const area = `${path(half - 1, values.length - 1)}L${lx.toFixed(1)},${height - pad}L${pts[half - 1]![0].toFixed(1)},${height - pad}Z`;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="sparkline" style={{ display: 'block' }}>
      <title>{label}</title>
      <line x1={midX} x2={midX} y1={1} y2={height - 1} stroke="#d9d9d9" strokeDasharray="2 2" />
      <path d={area} fill={colour} fillOpacity={0.12} stroke="none" />
      <path d={path(0, half - 1)} fill="none" stroke="#bfbfbf" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
      <path d={path(half - 1, values.length - 1)} fill="none" stroke={colour} strokeWidth={1.8} strokeLinejoin="round" strokeLinecap="round" />
      <circle cx={lx} cy={ly} r={2.2} fill={colour} />
    </svg>
  );
}
