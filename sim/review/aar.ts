import type { CompiledScenario } from "../../shared/compiled.js";
import { assertNever } from "../../shared/never.js";
import type { LeakReason, MatchSummary, SimEvent, Simulation } from "../api.js";
import { type CrewReview, crewReview, type UnitPlace } from "./crew-review.js";

/**
 * After-action review data, collected while a replay re-simulates a match: time series sampled from
 * the truth view, intercepts and leaks by threat type per round, every leak with where and why, and
 * what each defensive layer shot, killed and cost. Pure (no I/O): the analysis job feeds it. The
 * summary it ends with carries the breakdowns (sim/api.ts SummaryFigures) for the whole match and each
 * night: by class, intercepts by the defender and each allied nation, each layer's stock left, decoys
 * and warning times.
 */

/** Bumped when the review's shape changes (lately: the debrief per crew), so cached reviews are redone. */
export const AAR_VERSION = 3;

export interface RoundSpan {
  round: number;
  name: string;
  durationSec: number;
  /** How long the live phase actually ran (a night runs on until the last threat lands). */
  liveSec: number;
  /** Where the round starts on the match axis: the live phases laid end to end. */
  offsetSec: number;
}

export interface AarSeries {
  /** Match seconds (see RoundSpan.offsetSec), one entry per sample. */
  x: number[];
  round: number[];
  t: number[];
  threatsInAir: number[];
  intercepted: number[];
  leaked: number[];
  defenderSpendUsd: number[];
  attackerSpendUsd: number[];
  costExchange: number[];
  escalation: number[];
  interceptorsLeft: number[];
  /** Interceptors per layer type: depot plus launchers' magazines. */
  stocks: Record<string, number[]>;
}

export type CountByType = Record<string, number>;

export interface RoundTally {
  round: number;
  launched: CountByType;
  intercepted: CountByType;
  leaked: CountByType;
  crashed: CountByType;
}

export interface LeakPoint {
  round: number;
  t: number;
  x: number;
  y: number;
  threatId: string;
  threatType: string;
  reason: LeakReason;
  damage: number;
  casualties: number;
}

export interface LayerRow {
  layer: string;
  name: string;
  shots: number;
  kills: number;
  misses: number;
  spendUsd: number;
  /** Null when the layer killed nothing. */
  costPerKillUsd: number | null;
  /** Kills over resolved shots (kills + misses); null when no shot resolved. */
  pkAchieved: number | null;
  /** Jammers: threats spoofed off course. */
  spoofed: number;
}

export interface AfterActionReview {
  version: number;
  scenario: { id: string; name: string };
  rounds: RoundSpan[];
  sampleEverySec: number;
  series: AarSeries;
  perRound: RoundTally[];
  leaks: LeakPoint[];
  leakReasons: Partial<Record<LeakReason, number>>;
  layers: LayerRow[];
  /** By sector and strike planner (docs/classroom.md, "Debrief per crew"). */
  crews: CrewReview;
  summary: MatchSummary;
}

/** Samples per match axis: charts stay light even for a nine-hour night. */
const MAX_SAMPLES = 2000;
const MIN_SAMPLE_SEC = 10;

export class AarCollector {
  readonly log: SimEvent[] = [];
  private readonly series: AarSeries = {
    x: [],
    round: [],
    t: [],
    threatsInAir: [],
    intercepted: [],
    leaked: [],
    defenderSpendUsd: [],
    attackerSpendUsd: [],
    costExchange: [],
    escalation: [],
    interceptorsLeft: [],
    stocks: {},
  };
  private readonly rounds: RoundSpan[] = [];
  private readonly tallies = new Map<number, RoundTally>();
  private readonly leaks: LeakPoint[] = [];
  private readonly layers = new Map<string, LayerRow>();
  private readonly unitKinds = new Map<string, string>();
  private readonly threatTypes = new Map<string, string>();
  /** Where the units stood when the first events came (a branched match starts with units deployed). */
  private startUnits: UnitPlace[] | null = null;
  private readonly sampleEverySec: number;
  private nextSampleT = 0;
  private liveRound = 0;
  private lastLiveT = 0;

  constructor(private readonly scenario: CompiledScenario) {
    const plannedSec = scenario.rounds.reduce((sum, r) => sum + r.durationSec, 0);
    this.sampleEverySec = Math.max(
      MIN_SAMPLE_SEC,
      Math.ceil(plannedSec / MAX_SAMPLES / MIN_SAMPLE_SEC) * MIN_SAMPLE_SEC,
    );
    for (const unit of scenario.fixedUnits) this.unitKinds.set(unit.id, unit.type);
    for (const ally of scenario.allies) for (const unit of ally.units) this.unitKinds.set(unit.id, unit.type);
  }

  /** Replay hook: every event of every command and step, in order. */
  events(events: readonly SimEvent[], sim: Simulation): void {
    this.startUnits ??= sim.view("truth").units.map(({ id, x, y }) => ({ id, x, y }));
    for (const event of events) {
      this.log.push(event);
      this.count(event);
    }
    this.observe(sim);
  }

  /** Replay hook: after every step. */
  afterStep(sim: Simulation): void {
    this.observe(sim);
  }

  finish(sim: Simulation): AfterActionReview {
    this.observe(sim);
    const leakReasons: Partial<Record<LeakReason, number>> = {};
    for (const leak of this.leaks) leakReasons[leak.reason] = (leakReasons[leak.reason] ?? 0) + 1;
    return {
      version: AAR_VERSION,
      scenario: { id: this.scenario.id, name: this.scenario.name },
      rounds: this.rounds,
      sampleEverySec: this.sampleEverySec,
      series: this.series,
      perRound: [...this.tallies.values()].sort((a, b) => a.round - b.round),
      leaks: this.leaks,
      leakReasons,
      layers: [...this.layers.values()].map(finishLayer).sort((a, b) => a.layer.localeCompare(b.layer)),
      crews: crewReview(this.scenario, this.log, this.startUnits ?? []),
      summary: sim.summary(),
    };
  }

  /** Opens and closes the live phases on the match axis and samples every `sampleEverySec`. */
  private observe(sim: Simulation): void {
    if (sim.phase === "live" && this.liveRound !== sim.round) this.openRound(sim);
    if (this.liveRound === 0) return;
    // The step that ends a night still moves the clock: the night lasted until then.
    if (sim.round === this.liveRound) this.lastLiveT = sim.clock;
    const t = this.lastLiveT;
    if (t >= this.nextSampleT) {
      this.sample(sim, t);
      this.nextSampleT = (Math.floor(t / this.sampleEverySec) + 1) * this.sampleEverySec;
    }
    if (sim.phase !== "live" || sim.round !== this.liveRound) this.closeRound(sim);
  }

  private openRound(sim: Simulation): void {
    const previous = this.rounds.at(-1);
    const spec = this.scenario.rounds[sim.round - 1];
    this.rounds.push({
      round: sim.round,
      name: spec?.name ?? `Round ${sim.round}`,
      durationSec: spec?.durationSec ?? 0,
      liveSec: 0,
      offsetSec: previous ? previous.offsetSec + previous.liveSec : 0,
    });
    this.liveRound = sim.round;
    this.lastLiveT = sim.clock;
    this.nextSampleT = sim.clock;
  }

  private closeRound(sim: Simulation): void {
    const span = this.rounds.at(-1)!;
    span.liveSec = this.lastLiveT;
    if (this.series.x.at(-1) !== span.offsetSec + this.lastLiveT) this.sample(sim, this.lastLiveT);
    this.liveRound = 0;
  }

  private sample(sim: Simulation, t: number): void {
    const view = sim.view("truth");
    const s = this.series;
    const span = this.rounds.at(-1)!;
    const n = s.x.length;
    s.x.push(span.offsetSec + t);
    s.round.push(span.round);
    s.t.push(t);
    s.threatsInAir.push(sim.phase === "live" ? view.tracks.length : 0);
    s.intercepted.push(view.scores.threats_intercepted);
    s.leaked.push(view.scores.threats_leaked);
    s.defenderSpendUsd.push(view.scores.defender_spend_usd);
    s.attackerSpendUsd.push(view.scores.attacker_spend_usd);
    s.costExchange.push(view.scores.cost_exchange);
    s.escalation.push(view.escalation);
    s.interceptorsLeft.push(view.scores.interceptors_left);
    const stocks: Record<string, number> = { ...view.stocks };
    for (const unit of view.units) {
      if (unit.magazine >= 0 && this.scenario.catalogue.layers[unit.kind]) {
        stocks[unit.kind] = (stocks[unit.kind] ?? 0) + unit.magazine;
      }
    }
    for (const [layer, count] of Object.entries(stocks)) {
      s.stocks[layer] ??= new Array<number>(n).fill(0);
      s.stocks[layer].push(count);
    }
    for (const column of Object.values(s.stocks)) if (column.length === n) column.push(0);
  }

  private count(event: SimEvent): void {
    switch (event.type) {
      case "unit-deployed":
        this.unitKinds.set(event.unitId, event.unitType);
        return;
      case "launch":
        this.threatTypes.set(event.threatId, event.threatType);
        bump(this.tally(event.round).launched, event.threatType);
        return;
      case "crash":
        bump(this.tally(event.round).crashed, this.threatTypes.get(event.threatId) ?? "unknown");
        return;
      case "fire": {
        const row = this.layerOf(event.unitId);
        row.shots++;
        row.spendUsd += event.costUsd;
        return;
      }
      case "intercept":
        this.layerOf(event.unitId).kills++;
        bump(this.tally(event.round).intercepted, event.threatType);
        return;
      case "miss":
        this.layerOf(event.unitId).misses++;
        return;
      case "spoofed":
        this.layerOf(event.unitId).spoofed++;
        return;
      case "impact":
        bump(this.tally(event.round).leaked, event.threatType);
        this.leaks.push({
          round: event.round,
          t: event.t,
          x: event.x,
          y: event.y,
          threatId: event.threatId,
          threatType: event.threatType,
          reason: event.leakReason,
          damage: event.hits.reduce((sum, hit) => sum + hit.damage, 0),
          casualties: event.casualties,
        });
        return;
      // Events these tallies do not count (a new event type must be placed on one side or the other).
      case "detect":
      case "identify":
      case "track-lost":
      case "incident":
      case "escalation":
      case "trigger":
      case "blackout":
      case "power-restored":
      case "asset-destroyed":
      case "resupply":
      case "inject":
      case "unit-revealed":
      case "unit-moved":
      case "phase":
      case "match-end":
        return;
      default:
        assertNever(event, "event");
    }
  }

  private tally(round: number): RoundTally {
    let tally = this.tallies.get(round);
    if (!tally) {
      tally = { round, launched: {}, intercepted: {}, leaked: {}, crashed: {} };
      this.tallies.set(round, tally);
    }
    return tally;
  }

  private layerOf(unitId: string): LayerRow {
    const layer = this.unitKinds.get(unitId) ?? "unknown";
    let row = this.layers.get(layer);
    if (!row) {
      const name = this.scenario.catalogue.layers[layer]?.name ?? layer;
      row = {
        layer,
        name,
        shots: 0,
        kills: 0,
        misses: 0,
        spendUsd: 0,
        costPerKillUsd: null,
        pkAchieved: null,
        spoofed: 0,
      };
      this.layers.set(layer, row);
    }
    return row;
  }
}

function bump(counts: CountByType, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function finishLayer(row: LayerRow): LayerRow {
  const resolved = row.kills + row.misses;
  return {
    ...row,
    costPerKillUsd: row.kills > 0 ? row.spendUsd / row.kills : null,
    pkAchieved: resolved > 0 ? row.kills / resolved : null,
  };
}
