import type { TargetGroups } from "./figures.js";

/**
 * What `npm run lessons` runs and claims: the configurations (a built-in scenario, its variants, who plays
 * each side, how many nights) and, for each lesson of docs/design.md §1 and the plausibility checks of
 * docs/calibration.md, the comparison that shows it. docs/lessons.md explains each row for an instructor.
 */

export interface RunConfig {
  id: string;
  scenario: string;
  variants?: string[];
  /** Plan sources as `npm run sim` takes them (default: the scenario's own plans). */
  attacker?: string;
  defender?: string;
  /** Nights played (default: all). */
  rounds?: number;
}

/** A figure of one configuration: over the whole run, or of one night (1-based). */
export interface FigureRef {
  config: string;
  figure: string;
  night?: number;
}

/**
 * How a claim is judged on the 95 % intervals over the seeds:
 * - below / above: a's interval lies wholly below (above) b's, and the means differ by at least `by`;
 * - times: a's lower bound is at least `factor` times b's upper bound;
 * - at-most / at-least: a's upper (lower) bound is within the limit;
 * - no-worse: a's mean is at most b's mean plus `margin`;
 * - band: a's mean lies within [low, high];
 * - all-below: in every run, every night played stays below `limit` (scenario: the crisis threshold).
 */
export type Claim =
  | { kind: "below" | "above"; a: FigureRef; b: FigureRef; by: number }
  | { kind: "times"; a: FigureRef; b: FigureRef; factor: number }
  | { kind: "at-most" | "at-least"; a: FigureRef; limit: number }
  | { kind: "no-worse"; a: FigureRef; b: FigureRef; margin: number }
  | { kind: "band"; a: FigureRef; low: number; high: number }
  | { kind: "all-below"; a: FigureRef; limit: "crisis" };

export interface LessonRow {
  lesson: string;
  /** The configurations compared, in plain words. */
  compared: string;
  claim: Claim;
}

export const TARGET_GROUPS: Record<string, TargetGroups> = {
  "wide-front": { south: ["odesa", "mykolaiv", "kherson", "izmail-port", "ss-odesa", "ss-mykolaiv"] },
  "compact-shield": {},
};

const bots = { attacker: "bot:normal", defender: "bot:normal" };

export const CONFIGS: RunConfig[] = [
  { id: "wf", scenario: "wide-front" },
  { id: "wf-no-resupply", scenario: "wide-front", variants: ["no-resupply"] },
  { id: "wf-open", scenario: "wide-front", variants: ["black-sea-open"], rounds: 1 },
  { id: "wf-aew", scenario: "wide-front", variants: ["swedish-aew"], rounds: 1 },
  { id: "wf-hold", scenario: "wide-front", variants: ["allies-hold"], rounds: 1 },
  { id: "wf-poland", scenario: "wide-front", variants: ["allies-hold", "poland-buffer"], rounds: 1 },
  { id: "wf-raid", scenario: "wide-front", attacker: "plan:drone-raid", rounds: 1 },
  {
    id: "wf-raid-sams",
    scenario: "wide-front",
    attacker: "plan:drone-raid",
    defender: "plan:sam-only",
    rounds: 1,
  },
  { id: "wf-bots", scenario: "wide-front", ...bots, rounds: 1 },
  { id: "cs", scenario: "compact-shield" },
  { id: "cs-closed", scenario: "compact-shield", variants: ["mediterranean-closed"], rounds: 1 },
  { id: "cs-jordan", scenario: "compact-shield", variants: ["jordan-forbids"], rounds: 1 },
  { id: "cs-bots", scenario: "compact-shield", ...bots, rounds: 1 },
];

const n1 = (config: string, figure: string): FigureRef => ({ config, figure, night: 1 });

const RAID = "wide-front night 1, drones and decoys only";
const NIGHT1 = "night 1: compact-shield vs wide-front";

export const LESSONS: LessonRow[] = [
  {
    lesson: "1 Cost exchange",
    compared: `${RAID}: layered defence`,
    claim: { kind: "at-most", a: { config: "wf-raid", figure: "cost_exchange" }, limit: 1 },
  },
  {
    lesson: "1 Cost exchange",
    compared: `${RAID}: layered vs long-range SAMs only`,
    claim: {
      kind: "no-worse",
      a: { config: "wf-raid", figure: "leak_rate" },
      b: { config: "wf-raid-sams", figure: "leak_rate" },
      margin: 0.05,
    },
  },
  {
    lesson: "1 Cost exchange",
    compared: `${RAID}: SAMs only vs layered`,
    claim: {
      kind: "times",
      a: { config: "wf-raid-sams", figure: "defender_spend_usd" },
      b: { config: "wf-raid", figure: "defender_spend_usd" },
      factor: 10,
    },
  },
  {
    lesson: "2 Layers: radar horizon",
    compared: "wide-front night 1: drones vs cruise missiles, warning as a share of flight",
    claim: {
      kind: "times",
      a: n1("wf", "warning_share.drone"),
      b: n1("wf", "warning_share.cruise"),
      factor: 2,
    },
  },
  {
    lesson: "2 Layers: radar horizon",
    compared: "wide-front night 1: airborne early warning vs none",
    claim: {
      kind: "times",
      a: n1("wf-aew", "warning_sec.cruise"),
      b: n1("wf", "warning_sec.cruise"),
      factor: 1.5,
    },
  },
  {
    lesson: "3 Geography",
    compared: `${NIGHT1}, default plans`,
    claim: { kind: "below", a: n1("cs", "leak_rate"), b: n1("wf", "leak_rate"), by: 0.1 },
  },
  {
    lesson: "3 Geography",
    compared: `${NIGHT1}, default plans, missiles`,
    claim: { kind: "below", a: n1("cs", "missile_leak_rate"), b: n1("wf", "missile_leak_rate"), by: 0.1 },
  },
  {
    lesson: "3 Geography",
    compared: `${NIGHT1}, bot:normal both sides`,
    claim: { kind: "below", a: n1("cs-bots", "leak_rate"), b: n1("wf-bots", "leak_rate"), by: 0.1 },
  },
  {
    lesson: "3 Geography",
    compared: `${NIGHT1}, bot:normal, missiles`,
    claim: {
      kind: "below",
      a: n1("cs-bots", "missile_leak_rate"),
      b: n1("wf-bots", "missile_leak_rate"),
      by: 0.1,
    },
  },
  {
    lesson: "3 Geography: the strait",
    compared: "wide-front night 1, ballistic on the south: Black Sea open vs closed",
    claim: {
      kind: "below",
      a: n1("wf-open", "ballistic_leak_rate.south"),
      b: n1("wf", "ballistic_leak_rate.south"),
      by: 0.1,
    },
  },
  {
    lesson: "3 Geography: the strait",
    compared: "compact-shield night 1, ballistic: Mediterranean closed vs open",
    claim: {
      kind: "above",
      a: n1("cs-closed", "ballistic_leak_rate"),
      b: n1("cs", "ballistic_leak_rate"),
      by: 0,
    },
  },
  {
    lesson: "4 Coalitions",
    compared: "wide-front night 1, Polish intercepts: buffer 20 km vs own airspace",
    claim: {
      kind: "above",
      a: n1("wf-poland", "intercepted_by.poland"),
      b: n1("wf-hold", "intercepted_by.poland"),
      by: 0,
    },
  },
  {
    lesson: "4 Coalitions",
    compared: "wide-front night 1, incidents in Poland: buffer 20 km vs own airspace",
    claim: {
      kind: "below",
      a: n1("wf-poland", "incidents.poland"),
      b: n1("wf-hold", "incidents.poland"),
      by: 0,
    },
  },
  {
    lesson: "4 Escalation",
    compared: "wide-front, default plans, every night",
    claim: { kind: "all-below", a: { config: "wf", figure: "escalation" }, limit: "crisis" },
  },
  {
    lesson: "4 Escalation",
    compared: "compact-shield, default plans, every night",
    claim: { kind: "all-below", a: { config: "cs", figure: "escalation" }, limit: "crisis" },
  },
  {
    lesson: "4 Escalation",
    compared: "compact-shield night 1, Jordan withdraws its consent: the crisis",
    claim: { kind: "at-least", a: n1("cs-jordan", "escalation"), limit: 60 },
  },
  {
    lesson: "5 Sustained pressure",
    compared: "wide-front without resupply: long-range SAM stock, night 4 vs 1",
    claim: {
      kind: "below",
      a: { config: "wf-no-resupply", figure: "stock_left.long-range-sam", night: 4 },
      b: { config: "wf-no-resupply", figure: "stock_left.long-range-sam", night: 1 },
      by: 0,
    },
  },
  {
    lesson: "5 Sustained pressure",
    compared: "wide-front without resupply: leak rate, night 4 vs 1",
    claim: {
      kind: "above",
      a: { config: "wf-no-resupply", figure: "leak_rate", night: 4 },
      b: { config: "wf-no-resupply", figure: "leak_rate", night: 1 },
      by: 0,
    },
  },
  ...[1, 2, 3, 4].map(
    (night): LessonRow => ({
      lesson: "Plausibility",
      compared: `wide-front night ${night}, default plans: Shahed-class drones stopped`,
      claim: { kind: "band", a: { config: "wf", figure: "drone_stop_rate", night }, low: 0.8, high: 0.92 },
    }),
  ),
  {
    lesson: "Plausibility",
    compared: "compact-shield night 1, default plans (allies included): threats stopped",
    claim: { kind: "at-least", a: n1("cs", "stopped_rate"), limit: 0.9 },
  },
];
