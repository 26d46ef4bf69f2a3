import type { ServerMessage } from "../../shared/protocol.js";
import type { MatchSummary, Perspective } from "../../sim/api.js";
import { knownSummary } from "../../sim/known-scores.js";

/** The after-action summary message for one perspective; what it may read is the sim's rule (knownSummary). */
export function summaryFor(
  perspective: Perspective,
  summary: MatchSummary,
  final: boolean,
): ServerMessage<"summary"> {
  return { final, summary: { ...knownSummary(perspective, summary, final) } };
}
