import type { CompiledScenario } from "../../shared/compiled.js";
import type { ThreatClass } from "../../shared/scenario.js";
import type { MatchSummary } from "../../sim/api.js";
import { h } from "../ui/dom.js";
import { formatCount, formatUsd } from "../util/format.js";

/**
 * The debrief's breakdowns of the summary, one table each: threats by class with the warning they gave,
 * who intercepted (the defender and each allied nation) with the incidents each nation suffered, the
 * interceptors each layer had left night by night, and what the decoys drew.
 */

const CLASSES: { cls: ThreatClass; label: string }[] = [
  { cls: "drone", label: "drones" },
  { cls: "decoy", label: "decoys" },
  { cls: "cruise", label: "cruise missiles" },
  { cls: "ballistic", label: "ballistic missiles" },
];

export const percent = (part: number, whole: number) =>
  whole > 0 ? `${Math.round((100 * part) / whole)}%` : "—";
const seconds = (s: number) => (s >= 120 ? `${Math.round(s / 60)} min` : `${Math.round(s)} s`);

/** A table that scrolls sideways inside its box (a phone), with a muted line when it has no rows. */
export function table(testid: string, header: string[], rows: HTMLElement[], empty: string): HTMLElement {
  const body =
    rows.length > 0
      ? rows
      : [h("tr", null, h("td", { colspan: String(header.length), class: "muted" }, empty))];
  return h(
    "div",
    { class: "table-scroll" },
    h("table", { testid }, h("tr", null, ...header.map((c) => h("th", null, c))), ...body),
  );
}

export const num = (text: string) => h("td", { class: "num" }, text);

/** Launched, stopped and leaked by class, and the warning from first detection to impact or kill. */
export function classTable(s: MatchSummary): HTMLElement {
  const rows = CLASSES.filter(({ cls }) => s.by_class[cls].launched > 0).map(({ cls, label }) => {
    const c = s.by_class[cls];
    const w = s.warning_sec[cls];
    return h(
      "tr",
      { "data-class": cls },
      h("td", null, label),
      num(formatCount(c.launched)),
      num(formatCount(c.intercepted)),
      num(formatCount(c.leaked)),
      num(formatCount(c.crashed)),
      num(cls === "decoy" ? "—" : percent(c.leaked, c.intercepted + c.leaked + c.crashed)),
      num(w ? `${seconds(w.mean)} (${seconds(w.p10)})` : "—"),
      num(w ? `${Math.round(100 * w.share)}%` : "—"),
    );
  });
  const header = [
    "class",
    "launched",
    "intercepted",
    "leaked",
    "came down",
    "leak rate",
    "warning: mean (worst 10%)",
    "warning: share of flight",
  ];
  return table("class-table", header, rows, "Nothing was launched.");
}

/** Kills by the defender and by each allied nation; incidents on each neighbour's soil. */
export function coalitionTable(s: MatchSummary, scenario: CompiledScenario): HTMLElement {
  const nationName = (id: string) =>
    id === "defender" ? "the defender" : (scenario.nations.find((n) => n.id === id)?.name ?? id);
  const ids = [...new Set([...Object.keys(s.intercepted_by), ...Object.keys(s.incidents_by_nation)])];
  const rows = ids.map((id) =>
    h(
      "tr",
      { "data-nation": id },
      h("td", null, nationName(id)),
      num(id in s.intercepted_by ? formatCount(s.intercepted_by[id]) : "—"),
      num(id in s.incidents_by_nation ? formatCount(s.incidents_by_nation[id]) : "—"),
    ),
  );
  return table("coalition-table", ["who", "intercepts", "incidents on its soil"], rows, "No coalition.");
}

/** Interceptors each layer had left at the end of each night (launchers and depot). */
export function stockTable(s: MatchSummary, scenario: CompiledScenario): HTMLElement {
  const layers = Object.keys(s.layers).filter((id) => s.layers[id].stock_left >= 0);
  const rows = layers.map((id) =>
    h(
      "tr",
      { "data-layer": id },
      h("td", null, scenario.catalogue.layers[id]?.name ?? id),
      num(formatCount(s.layers[id].shots)),
      num(formatUsd(s.layers[id].spend_usd)),
      ...s.per_round.map((r) => num(formatCount(r.layers[id]?.stock_left ?? 0))),
    ),
  );
  const header = ["layer", "shots", "spent", ...s.per_round.map((r) => `left after night ${r.round}`)];
  return table("stock-table", header, rows, "No layer with a finite stock.");
}

/** What the decoys cost the defence. */
export function decoyLine(s: MatchSummary): HTMLElement {
  const text =
    s.decoys_launched === 0
      ? "No decoys were launched."
      : `${formatCount(s.decoys_launched)} decoys launched; ${formatCount(s.decoys_engaged)} drew fire, ` +
        `costing ${formatUsd(s.decoy_spend_usd)} of interceptors (${percent(s.decoy_spend_usd, s.defender_spend_usd)} of the defence's spend).`;
  return h("p", { testid: "decoy-line" }, text);
}
