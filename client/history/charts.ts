import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h } from "../ui/dom.js";
import { formatClock } from "../util/format.js";

/**
 * Timeline charts of the debrief (uPlot): one x axis for the whole match (the live phases end to
 * end, simulated time), round boundaries and the instructor's bookmarks drawn across every chart.
 */

export interface ChartLine {
  label: string;
  values: number[];
  color: string;
  /** Which y scale ("y" left by default, "y2" right). */
  scale?: "y" | "y2";
  dash?: number[];
  format?: (v: number) => string;
}

export interface Marker {
  x: number;
  label: string;
}

export interface TimeChartSpec {
  title: string;
  testid: string;
  x: number[];
  lines: ChartLine[];
  rounds: Marker[];
  bookmarks: Marker[];
  yLabel?: string;
  y2Label?: string;
  yFormat?: (v: number) => string;
  y2Format?: (v: number) => string;
}

const AXIS = {
  stroke: "#8595a8",
  grid: { stroke: "#1b2736", width: 1 },
  ticks: { stroke: "#223042", width: 1 },
};
const CHART_HEIGHT = 190;
/** Time ticks on whole minutes: 1, 2, 5, 10, 15, 30 min, then hours. */
const MINUTE_STEPS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200];

/** Draws the round boundaries (solid) and bookmarks (dashed amber, labelled) over the plot area. */
function markersPlugin(rounds: Marker[], bookmarks: Marker[]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        const px = devicePixelRatio;
        ctx.save();
        ctx.font = `${11 * px}px system-ui, sans-serif`;
        for (const [markers, color, dash] of [
          [rounds, "#3b4859", []],
          [bookmarks, "#d9a441", [4 * px, 3 * px]],
        ] as const) {
          ctx.strokeStyle = color;
          ctx.fillStyle = color;
          ctx.setLineDash([...dash]);
          for (const marker of markers) {
            const x = Math.round(u.valToPos(marker.x, "x", true));
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            if (markers === bookmarks) ctx.fillText(marker.label.slice(0, 28), x + 3 * px, top + 12 * px);
          }
        }
        ctx.restore();
      },
    },
  };
}

export function timeChart(spec: TimeChartSpec): {
  el: HTMLElement;
  resize(width: number): void;
  destroy(): void;
} {
  const body = h("div", { class: "chart-body" });
  const el = h("figure", { class: "chart", testid: spec.testid }, h("figcaption", null, spec.title), body);
  const hasY2 = spec.lines.some((l) => l.scale === "y2");
  const opts: uPlot.Options = {
    width: 520,
    height: CHART_HEIGHT,
    scales: { x: { time: false }, y: { auto: true }, ...(hasY2 ? { y2: { auto: true } } : {}) },
    series: [
      { label: "time", value: (_u, v) => (v == null ? "—" : formatClock(v)) },
      ...spec.lines.map((line) => ({
        label: line.label,
        stroke: line.color,
        width: 2,
        scale: line.scale ?? "y",
        dash: line.dash,
        value: (_u: uPlot, v: number | null) => (v == null ? "—" : (line.format ?? String)(v)),
      })),
    ],
    axes: [
      { ...AXIS, incrs: MINUTE_STEPS, values: (_u, splits) => splits.map((v) => formatClock(v)) },
      {
        ...AXIS,
        label: spec.yLabel,
        size: 56,
        values: (_u, splits) => splits.map((v) => (spec.yFormat ?? String)(v)),
      },
      ...(hasY2
        ? [
            {
              ...AXIS,
              scale: "y2",
              side: 1 as const,
              label: spec.y2Label,
              size: 50,
              grid: { show: false },
              values: (_u: uPlot, splits: number[]) => splits.map((v) => (spec.y2Format ?? String)(v)),
            },
          ]
        : []),
    ],
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
    plugins: [markersPlugin(spec.rounds, spec.bookmarks)],
  };
  const chart = new uPlot(opts, [spec.x, ...spec.lines.map((l) => l.values)], body);
  return {
    el,
    resize: (width) => chart.setSize({ width: Math.max(240, width), height: CHART_HEIGHT }),
    destroy: () => chart.destroy(),
  };
}
