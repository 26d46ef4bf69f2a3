import type { CompiledScenario } from "../../../shared/compiled.js";
import { type MatchState, SCORE_BOARD_FIELDS, scoresOf } from "../../../shared/wire/state.js";
import { leakRate } from "../../../sim/campaign/scores.js";
import { formatCount, formatPercent, formatPopulation, formatRatio, formatUsd } from "../../util/format.js";
import { h } from "../dom.js";

/**
 * The after-action summary (the server's `summary` message, a MatchSummary): headline figures and a
 * per-round table. Reads fields defensively: a missing figure shows as a dash.
 */
type Row = Record<string, unknown>;

const FIELDS: [string, string][] = [
  ["threats_launched", "Launched"],
  ["threats_intercepted", "Intercepted"],
  ["threats_leaked", "Leaked"],
  ["threats_crashed", "Crashed"],
  ["leak_rate", "Leak rate"],
  ["decoys_engaged", "Decoys engaged"],
  ["defender_spend_usd", "Defender spend"],
  ["attacker_spend_usd", "Attacker spend"],
  ["cost_exchange", "Cost exchange"],
  ["casualties", "Casualties"],
  ["blackout_population_hours", "Blackout"],
  ["incidents", "Incidents"],
  ["escalation", "Escalation"],
  ["interceptors_left", "Interceptors left"],
];

const ROUND_COLUMNS = [
  "threats_launched",
  "threats_intercepted",
  "threats_leaked",
  "leak_rate",
  "defender_spend_usd",
  "attacker_spend_usd",
  "cost_exchange",
  "casualties",
];

export function formatField(key: string, value: unknown): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  // Negative means the server withheld a figure this side may not know (the defender's interceptors).
  if (value < 0) return "?";
  if (key.endsWith("_usd")) return formatUsd(value);
  if (key === "leak_rate") return formatPercent(value);
  if (key === "cost_exchange") return formatRatio(value);
  if (key === "escalation") return value.toFixed(1);
  if (key === "blackout_population_hours") return formatPopulation(value);
  return formatCount(value);
}

/** The level at which escalation ends the match (or the highest threshold it acts on), for a scale. */
export function escalationScale(scenario: CompiledScenario): number | null {
  const levels = scenario.escalation.triggers.flatMap((t) =>
    t.when.kind === "escalation-at-least" ? [t.when.value] : [],
  );
  return levels.length > 0 ? Math.max(...levels) : null;
}

/** A figure with its unit or scale where a bare number would not say enough. */
function withScale(key: string, text: string, scenario: CompiledScenario | undefined): string {
  if (key === "escalation" && scenario) {
    const top = escalationScale(scenario);
    return top === null ? text : `${text} of ${top}`;
  }
  if (key === "blackout_population_hours" && text !== "—") return `${text} person-hours`;
  return text;
}

function label(key: string): string {
  return FIELDS.find(([k]) => k === key)?.[1] ?? key.replace(/_/g, " ");
}

/**
 * Headline figures (large cards, or a compact two-column table for a side panel) and, when the summary
 * has rounds, one row per figure with a column per night (a campaign of four nights still fits).
 */
export function summaryTable(summary: Row, compact = false, scenario?: CompiledScenario): HTMLElement {
  const present = FIELDS.filter(([key]) => key in summary);
  const headline = compact
    ? h(
        "table",
        { class: "compact" },
        h(
          "tbody",
          null,
          ...present.map(([key, name]) =>
            h(
              "tr",
              { testid: `kpi-${key}` },
              h("td", null, name),
              h("td", null, h("b", null, withScale(key, formatField(key, summary[key]), scenario))),
            ),
          ),
        ),
      )
    : h(
        "div",
        { class: "kpis" },
        ...present.map(([key, name]) =>
          h(
            "div",
            { class: "kpi", testid: `kpi-${key}` },
            h("span", null, name),
            h("b", null, withScale(key, formatField(key, summary[key]), scenario)),
          ),
        ),
      );
  const perRound = Array.isArray(summary.per_round) ? (summary.per_round as Row[]) : [];
  const table =
    perRound.length > 0 && !compact
      ? h(
          "table",
          { testid: "per-round" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              h("th", null, "Per night"),
              ...perRound.map((r, i) => h("th", null, `Night ${String(r.round ?? i + 1)}`)),
            ),
          ),
          h(
            "tbody",
            null,
            ...ROUND_COLUMNS.map((key) =>
              h(
                "tr",
                null,
                h("td", null, label(key)),
                ...perRound.map((r) => h("td", null, formatField(key, r[key]))),
              ),
            ),
          ),
        )
      : null;
  return h(
    "div",
    { testid: "summary-table" },
    headline,
    table ? h("div", { class: "table-scroll" }, table) : null,
  );
}

/** The live scoreboard in summary form, used until the server's summary arrives. */
export function scoreAsSummary(state: MatchState): Row {
  const s = scoresOf(state);
  return {
    ...Object.fromEntries(SCORE_BOARD_FIELDS.map((field) => [field, s[field]])),
    // The sim's own definition, so the live figure and the summary that replaces it agree.
    leak_rate: leakRate(s.threats_leaked, s.threats_intercepted, s.threats_crashed),
    escalation: state.escalation,
  };
}
