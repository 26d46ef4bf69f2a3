import { z } from "zod";
import { MAX_MATCH_VARIANTS } from "./protocol.js";
import { Id } from "./scenario.js";

/**
 * What-if analyses (docs/analysis.md): the same scenario played many times with different seeds, in
 * one configuration (A) or two (A and B, on the same seeds), and the distribution of each metric.
 * The request an instructor sends, and the result the server stores and returns.
 */

/** The most runs one configuration of an analysis may ask for. */
export const MAX_ANALYSIS_RUNS = 200;

/**
 * Who plays a side in an analysis: the scenario's default plan, a bot of a level, or (from a recorded
 * match) the orders that side gave in it, "as played".
 */
export const AnalysisSeat = z.enum(["plan", "bot:easy", "bot:normal", "bot:hard", "as-played"]);
export type AnalysisSeat = z.infer<typeof AnalysisSeat>;

/** One configuration: the scenario's variants (applied in order) and who plays each side. */
export const AnalysisConfig = z
  .object({
    variants: z.array(Id).max(MAX_MATCH_VARIANTS).default([]),
    attacker: AnalysisSeat.default("plan"),
    defender: AnalysisSeat.default("plan"),
    ally: AnalysisSeat.default("plan"),
  })
  .strict();
export type AnalysisConfig = z.infer<typeof AnalysisConfig>;

const playsAsPlayed = (...configs: (AnalysisConfig | undefined)[]) =>
  configs.some(
    (c) => c && (["attacker", "defender", "ally"] as const).some((side) => c[side] === "as-played"),
  );

export const AnalysisRequest = z
  .object({
    /** A built-in scenario id; or none, with `matchId`: the scenario of that finished match. */
    scenario: Id.optional(),
    /** A recorded match to analyse from (its instructor key is required). */
    matchId: z.string().min(1).max(64).optional(),
    runs: z.number().int().min(1).max(MAX_ANALYSIS_RUNS),
    /** The first seed; the runs play seeds seedStart, seedStart + 1, … (A and B the same ones). */
    seedStart: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    a: AnalysisConfig,
    b: AnalysisConfig.optional(),
  })
  .strict()
  .refine((r) => (r.scenario === undefined) !== (r.matchId === undefined), {
    message: "give either a scenario or a matchId",
    path: ["scenario"],
  })
  .refine((r) => r.matchId !== undefined || !playsAsPlayed(r.a, r.b), {
    message: "'as-played' replays a recorded match's orders: give its matchId",
    path: ["a"],
  });
export type AnalysisRequest = z.infer<typeof AnalysisRequest>;

/** The figures an analysis reports (summary fields; per-layer spend is added per layer as `spend_usd.<layer>`). */
export const ANALYSIS_METRICS = [
  "leak_rate",
  "cost_exchange",
  "damage",
  "blackout_population_hours",
  "incidents",
  "defender_spend_usd",
] as const;

/** A metric over the runs of one configuration: every run's value (seed order), mean and 95 % interval. */
export interface Distribution {
  values: number[];
  mean: number;
  stdev: number;
  ci95: [number, number];
}

/** A − B over the same seeds: the mean of the paired differences and its 95 % interval. */
export interface Difference {
  mean: number;
  ci95: [number, number];
}

export interface AnalysisResult {
  scenario: string;
  runs: number;
  seedStart: number;
  a: AnalysisConfig;
  b: AnalysisConfig | null;
  /** Metric names in display order (ANALYSIS_METRICS, then per-layer spend). */
  metrics: string[];
  distributions: { a: Record<string, Distribution>; b: Record<string, Distribution> | null };
  difference: Record<string, Difference> | null;
}

export type AnalysisStatus = "queued" | "running" | "done" | "cancelled" | "failed";

/** What `GET /api/analyses/:id` returns. */
export interface AnalysisJob {
  id: string;
  status: AnalysisStatus;
  createdAt: string;
  request: AnalysisRequest;
  /** Runs finished so far, over both configurations, and how many there are in all. */
  done: number;
  total: number;
  /**
   * While it runs (and if it was cancelled): the figures over the first seeds done in every
   * configuration (`partial.runs` of them); null before the first.
   */
  partial: AnalysisResult | null;
  result: AnalysisResult | null;
  error: string | null;
}
