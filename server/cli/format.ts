import type { MatchSummary, Scores, SimEvent, SummaryFigures } from "../../sim/api.js";

/** The after-action summary as an aligned table: totals, then one column per round. */

/** $148M, $1.5M, $35k, $2.1B, $500. */
export function formatUsd(usd: number): string {
  const abs = Math.abs(usd);
  const scaled = (value: number, unit: string) =>
    `$${value < 10 ? value.toFixed(1).replace(/\.0$/, "") : Math.round(value)}${unit}`;
  if (abs >= 1e9) return scaled(usd / 1e9, "B");
  if (abs >= 1e6) return scaled(usd / 1e6, "M");
  if (abs >= 1e3) return scaled(usd / 1e3, "k");
  return `$${Math.round(usd)}`;
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const ratio = (x: number) => x.toFixed(2);

type Figures = Scores & SummaryFigures;

/** Launched · leaked of one class. */
const launchedLeaked = (cls: keyof Figures["by_class"]) => (s: Figures) =>
  `${count(s.by_class[cls].launched)} · ${count(s.by_class[cls].leaked)}`;

const alliedKills = (s: Figures) =>
  count(Object.entries(s.intercepted_by).reduce((n, [by, kills]) => (by === "defender" ? n : n + kills), 0));

const ROWS: [string, (s: Figures) => string][] = [
  ["threats launched", (s) => count(s.threats_launched)],
  ["  intercepted", (s) => count(s.threats_intercepted)],
  ["    by allies", alliedKills],
  ["  leaked", (s) => count(s.threats_leaked)],
  ["  crashed", (s) => count(s.threats_crashed)],
  ["leak rate", (s) => percent(s.leak_rate)],
  ["drones: launched · leaked", launchedLeaked("drone")],
  ["cruise: launched · leaked", launchedLeaked("cruise")],
  ["ballistic: launched · leaked", launchedLeaked("ballistic")],
  ["decoys launched", (s) => count(s.decoys_launched)],
  ["  engaged", (s) => count(s.decoys_engaged)],
  ["  interceptors spent on them", (s) => formatUsd(s.decoy_spend_usd)],
  ["defender spend", (s) => formatUsd(s.defender_spend_usd)],
  ["attacker spend", (s) => formatUsd(s.attacker_spend_usd)],
  ["cost exchange (def ÷ att)", (s) => ratio(s.cost_exchange)],
  ["damage (hit points)", (s) => count(s.damage)],
  ["casualties", (s) => count(s.casualties)],
  ["blackout population-hours", (s) => count(s.blackout_population_hours)],
  ["incidents", (s) => count(s.incidents)],
  ["escalation", (s) => s.escalation.toFixed(1)],
  ["interceptors left", (s) => count(s.interceptors_left)],
];

export function formatSummary(summary: MatchSummary): string {
  const columns: [string, Figures][] = [
    ["total", summary],
    ...summary.per_round.map((r): [string, Figures] => [`night ${r.round}`, r]),
  ];
  const cells = ROWS.map(([label, cell]) => [label, ...columns.map(([, scores]) => cell(scores))]);
  const header = ["", ...columns.map(([name]) => name)];
  const widths = header.map((_, c) => Math.max(...[header, ...cells].map((row) => row[c].length)));
  const line = (row: string[]) =>
    row.map((text, c) => (c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]))).join("  ");
  const winner = summary.winner ?? "undecided (match not finished)";
  return [
    `Skyshield after-action summary: scenario ${summary.scenario}, seed ${summary.seed}, ${summary.rounds} round(s), winner: ${winner}`,
    "",
    line(header),
    ...cells.map(line),
  ].join("\n");
}

/** Events as JSON lines (`--events`): `{ t, round, kind, ... }`, the event's type named `kind`. */
export function eventLines(events: readonly SimEvent[]): string {
  return events
    .map(({ type, t, round, ...rest }) => `${JSON.stringify({ t, round, kind: type, ...rest })}\n`)
    .join("");
}
