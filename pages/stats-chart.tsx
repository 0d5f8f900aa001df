/**
 * A horizontal bar chart drawn on the server as SVG (no script, no outside assets), with the same
 * figures as a table beside it: the chart is an image with a title and description, the table is what
 * a screen reader and a keyboard user read.
 */

export type Bar = { label: string; value: number; shown: string };

const WIDTH = 480;
const LABEL = 110;
const ROW = 28;

export function BarChart(props: {
  id: string;
  title: string;
  desc: string;
  head: [string, string];
  bars: Bar[];
  /** The value of a full-length bar (1 for shares); the largest value when not given. */
  max?: number;
}) {
  const { id, title, desc, head, bars } = props;
  const max = props.max ?? Math.max(1, ...bars.map((b) => b.value));
  const span = WIDTH - LABEL - 60;
  const height = ROW * bars.length + 8;
  return (
    <figure class="chart-pair" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        dir="ltr"
        class="bar-chart"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        {bars.map((b, i) => {
          const y = 4 + i * ROW;
          const w = Math.round((b.value / max) * span);
          return (
            <g>
              <text x={LABEL - 6} y={y + 17} text-anchor="end" fill="currentColor" font-size="13">
                {b.label}
              </text>
              <rect x={LABEL} y={y + 3} width={w} height={ROW - 8} fill="#1f5f8b" />
              <text class="bar-value" x={LABEL + w + 6} y={y + 17} fill="currentColor" font-size="13">
                {b.shown}
              </text>
            </g>
          );
        })}
      </svg>
      <table class="chart-table">
        <caption class="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{head[0]}</th>
            <th scope="col">{head[1]}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr>
              <th scope="row">{b.label}</th>
              <td>{b.shown}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
