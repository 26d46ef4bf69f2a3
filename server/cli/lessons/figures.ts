import type { ThreatClass } from "../../../shared/scenario.js";
import type { ClassFigures, MatchSummary, RoundSummary, SimEvent } from "../../../sim/api.js";

/**
 * The figures one run gives the lessons report, for the whole run and for each night: rates by class,
 * money, warning, allied intercepts, incidents and stocks by nation and layer (from the summary), and the
 * ballistic leak rate on named groups of targets (from the events, which name each launch's target).
 */

export interface RunFigures {
  total: Record<string, number>;
  /** One record per night played, night 1 first. */
  nights: Record<string, number>[];
}

/** Named groups of targets, e.g. "south": the southern cities of a scenario. */
export type TargetGroups = Record<string, readonly string[]>;

const ended = (c: ClassFigures) => c.intercepted + c.leaked + c.crashed;
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** The summary's figures of one period (the whole match or one night). */
function periodFigures(s: MatchSummary | RoundSummary): Record<string, number> {
  const { drone, cruise, ballistic } = s.by_class;
  const figures: Record<string, number> = {
    leak_rate: s.leak_rate,
    stopped_rate: 1 - s.leak_rate,
    missile_leak_rate: ratio(cruise.leaked + ballistic.leaked, ended(cruise) + ended(ballistic)),
    ballistic_leak_rate: ratio(ballistic.leaked, ended(ballistic)),
    drone_stop_rate: 1 - ratio(drone.leaked, drone.launched),
    cost_exchange: s.cost_exchange,
    defender_spend_usd: s.defender_spend_usd,
    attacker_spend_usd: s.attacker_spend_usd,
    decoy_spend_usd: s.decoy_spend_usd,
    decoys_engaged: s.decoys_engaged,
    escalation: s.escalation,
  };
  for (const [cls, w] of Object.entries(s.warning_sec)) {
    figures[`warning_sec.${cls}`] = w.mean;
    figures[`warning_share.${cls}`] = w.share;
  }
  for (const [by, n] of Object.entries(s.intercepted_by)) figures[`intercepted_by.${by}`] = n;
  for (const [nation, n] of Object.entries(s.incidents_by_nation)) figures[`incidents.${nation}`] = n;
  for (const [layer, row] of Object.entries(s.layers)) figures[`stock_left.${layer}`] = row.stock_left;
  return figures;
}

type GroupCounts = Map<string, { sent: number; hit: number }>;

/** Ballistic missiles sent at and landing on each target group, per night (launch and impact events). */
function groupCounts(
  events: readonly SimEvent[],
  nights: number,
  groups: TargetGroups,
  isBallistic: (threatType: string) => boolean,
): GroupCounts[] {
  const sent = new Map<string, { round: number; group: string }>();
  const counts: GroupCounts[] = Array.from({ length: nights }, () => new Map());
  const tally = (round: number, group: string) => {
    const night = counts[round - 1];
    if (!night.has(group)) night.set(group, { sent: 0, hit: 0 });
    return night.get(group)!;
  };
  for (const e of events) {
    if (e.type === "launch" && isBallistic(e.threatType)) {
      const group = Object.keys(groups).find((g) => groups[g].includes(e.target));
      if (!group) continue;
      sent.set(e.threatId, { round: e.round, group });
      tally(e.round, group).sent++;
    } else if (e.type === "impact") {
      const launch = sent.get(e.threatId);
      if (launch) tally(launch.round, launch.group).hit++;
    }
  }
  return counts;
}

function groupRates(counts: GroupCounts): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const [group, c] of counts) figures[`ballistic_leak_rate.${group}`] = ratio(c.hit, c.sent);
  return figures;
}

/** Every figure of a run; `classOf` gives each threat type's class (the scenario's catalogue). */
export function runFigures(
  summary: MatchSummary,
  events: readonly SimEvent[],
  groups: TargetGroups,
  classOf: Readonly<Record<string, ThreatClass>>,
): RunFigures {
  const counts = groupCounts(events, summary.per_round.length, groups, (t) => classOf[t] === "ballistic");
  const whole: GroupCounts = new Map();
  for (const night of counts) {
    for (const [group, c] of night) {
      const sum = whole.get(group) ?? { sent: 0, hit: 0 };
      whole.set(group, { sent: sum.sent + c.sent, hit: sum.hit + c.hit });
    }
  }
  return {
    total: { ...periodFigures(summary), ...groupRates(whole) },
    nights: summary.per_round.map((r, i) => ({ ...periodFigures(r), ...groupRates(counts[i]) })),
  };
}
