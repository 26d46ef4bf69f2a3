import type { ServerMessage } from "../../shared/protocol.js";
import type { MatchSummary, Perspective, Scores } from "../../sim/api.js";
import { UNKNOWN } from "../../sim/known-scores.js";

/**
 * The after-action summary as one perspective may read it. Between nights the attacker does not learn
 * how many interceptors the defender has left (its next night would be planned on it); the final
 * summary, at the debrief, tells everyone everything.
 */
export function summaryFor(
  perspective: Perspective,
  summary: MatchSummary,
  final: boolean,
): ServerMessage<"summary"> {
  if (final || perspective !== "attacker") return { final, summary: { ...summary } };
  const hide = <S extends Scores>(scores: S): S => ({ ...scores, interceptors_left: UNKNOWN });
  return { final, summary: { ...hide(summary), per_round: summary.per_round.map(hide) } };
}
