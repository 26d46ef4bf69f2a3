import { assertNever } from "../shared/never.js";
import type { MatchSummary, Perspective, Scores, SummaryFigures } from "./api.js";
import { withRatios } from "./campaign/scores.js";
import type { SimContext } from "./context.js";
import { totalScores } from "./summary.js";
import { LEAK } from "./world.js";

/** A figure the perspective may not know, e.g. the defender's interceptors for the attacker. */
export const UNKNOWN = -1;

/**
 * The scores a perspective may know during a night (fog of war on the scoreboard). The defender and
 * the ally, as a coalition, learn of a threat when either's sensors detect it, or when it strikes or
 * crashes (both are public events); until then its launch (count and cost) does not reach them. A decoy
 * in flight that neither has unmasked counts as the threat it looks like (and fire at it as fire at a
 * threat). The attacker never learns how many interceptors the defender holds. When the night ends
 * every threat of it is accounted for, and the totals are the truth's again (the assessment tells each
 * side the night's cost).
 */
export function knownScores(ctx: SimContext, perspective: Perspective): Scores {
  const total = totalScores(ctx.world);
  switch (perspective) {
    case "truth":
      return total;
    case "attacker":
      return { ...total, interceptors_left: UNKNOWN };
    case "defender":
    case "ally":
      return withoutUnseenThreats(ctx, total);
    default:
      return assertNever(perspective, "perspective");
  }
}

function withoutUnseenThreats(ctx: SimContext, total: Scores): Scores {
  const known = { ...total };
  for (const threat of ctx.world.threats) {
    if (!threat.alive) continue;
    const info = ctx.cat.threats[threat.ti];
    if (!(threat.flags & LEAK.detected)) {
      if (!info.decoy) known.threats_launched--;
      known.attacker_spend_usd -= info.def.costUsd;
    } else if (info.decoy && !threat.tracks.some((track) => track?.unmasked)) {
      known.threats_launched++;
      if (threat.flags & LEAK.fired) known.decoys_engaged--;
    }
  }
  return withRatios(known);
}

/**
 * The after-action summary as a perspective may read it. Between nights the attacker learns what its own
 * threats did, not what the defence holds or saw: no interceptors left, no layer figures, no allied
 * kills, no warning times (its next night would be planned on them). The final summary, at the debrief,
 * tells everyone everything.
 */
export function knownSummary(perspective: Perspective, summary: MatchSummary, final: boolean): MatchSummary {
  if (final || perspective !== "attacker") return { ...summary };
  const hide = <S extends Scores & SummaryFigures>(s: S): S => ({
    ...s,
    interceptors_left: UNKNOWN,
    layers: {},
    intercepted_by: {},
    warning_sec: {},
  });
  return { ...hide(summary), per_round: summary.per_round.map(hide) };
}
