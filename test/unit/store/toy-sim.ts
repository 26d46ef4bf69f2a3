import type { CompiledScenario } from "../../../shared/compiled.js";
import type {
  Command,
  CommandResult,
  MatchSummary,
  Perspective,
  RoundSummary,
  Scores,
  SideView,
  SimEvent,
  SimPhase,
  Simulation,
  WorldSnapshot,
} from "../../../sim/api.js";
import type { Engine } from "../../../sim/review/replay.js";
import { emptyFigures } from "../../../sim/summary.js";
import { buildScenario } from "../../support/scenario.js";

/**
 * A tiny deterministic world with the real Simulation contract (phases, commands, a seeded generator
 * in its snapshot), so the store's record/replay/recovery mechanics are specified without depending
 * on the real engine's details. The real engine is exercised by the integration tests.
 */

interface ToyState {
  version: 1;
  seed: number;
  rng: number;
  phase: SimPhase;
  round: number;
  clock: number;
  inAir: number;
  defenders: number;
  salvos: { round: number; atSec: number; count: number }[];
  launched: number;
  intercepted: number;
  leaked: number;
  perRound: { launched: number; intercepted: number; leaked: number }[];
}

export const TOY_ROUNDS = 3;
export const TOY_NIGHT_SEC = 120;

/** A valid scenario whose nights the toy engine counts (it reads nothing else). */
export const toyScenario: CompiledScenario = buildScenario({
  id: "toy",
  name: "Toy range",
  rounds: Array.from({ length: TOY_ROUNDS }, (_, n) => ({
    name: `Night ${n + 1}`,
    durationSec: TOY_NIGHT_SEC,
    defenderBudgetUsd: 0,
    attackerBudgetUsd: 0,
    resupply: [],
    repairHp: 0,
  })),
});

/** mulberry32: one uint32 of state, one draw in [0, 1). */
function draw(state: ToyState): number {
  state.rng = (state.rng + 0x6d2b79f5) >>> 0;
  let z = state.rng;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}

class ToySim implements Simulation {
  constructor(private s: ToyState) {}

  get seed() {
    return this.s.seed;
  }
  get phase() {
    return this.s.phase;
  }
  get round() {
    return this.s.round;
  }
  get clock() {
    return this.s.clock;
  }

  apply(command: Command): CommandResult {
    const s = this.s;
    const reject = (reason: string): CommandResult => ({ ok: false, code: "wrong_phase", message: reason });
    const ok = (type: SimEvent["type"] = "phase"): CommandResult => ({
      ok: true,
      events: [{ type, t: s.clock, round: s.round, visibleTo: ["truth"], phase: s.phase } as SimEvent],
    });
    switch (command.type) {
      case "deploy":
        if (s.phase !== "planning") return reject("deploy only in planning");
        s.defenders++;
        return ok("unit-deployed");
      case "plan-salvo": {
        if (s.phase !== "planning" && s.phase !== "live") return reject("no salvos now");
        const atSec = s.phase === "live" ? s.clock + command.launchAtSec : command.launchAtSec;
        s.salvos.push({ round: s.round, atSec, count: command.count });
        return ok("trigger");
      }
      case "start-live":
        if (s.phase !== "planning") return reject("not planning");
        s.phase = "live";
        s.clock = 0;
        return ok();
      case "end-live":
        if (s.phase !== "live") return reject("not live");
        this.endLive();
        return ok();
      case "next-round":
        if (s.phase !== "assessment") return reject("not assessing");
        if (s.round >= TOY_ROUNDS) s.phase = "ended";
        else {
          s.round++;
          s.clock = 0;
          s.phase = "planning";
          s.perRound.push({ launched: 0, intercepted: 0, leaked: 0 });
        }
        return ok();
      default:
        return { ok: false, code: "not_allowed", message: `the toy ignores ${command.type}` };
    }
  }

  step(): SimEvent[] {
    const s = this.s;
    if (s.phase !== "live") return [];
    s.clock += 0.5;
    const events: SimEvent[] = [];
    const counters = s.perRound[s.round - 1];
    for (const salvo of s.salvos) {
      if (salvo.round === s.round && salvo.count > 0 && salvo.atSec <= s.clock) {
        s.inAir += salvo.count;
        s.launched += salvo.count;
        counters.launched += salvo.count;
        salvo.count = 0;
      }
    }
    for (let i = s.inAir; i > 0; i--) {
      const roll = draw(s);
      if (roll < 0.02 * (1 + s.defenders)) this.resolve(events, "intercept");
      else if (roll > 0.97) this.resolve(events, "impact");
    }
    if (s.clock >= TOY_NIGHT_SEC && s.inAir === 0) this.endLive();
    return events;
  }

  private resolve(events: SimEvent[], kind: "intercept" | "impact"): void {
    const s = this.s;
    const counters = s.perRound[s.round - 1];
    s.inAir--;
    const base = {
      t: s.clock,
      round: s.round,
      visibleTo: ["truth"] as Perspective[],
      threatId: `t${s.launched}`,
    };
    if (kind === "intercept") {
      s.intercepted++;
      counters.intercepted++;
      events.push({
        ...base,
        type: "intercept",
        unitId: "u1",
        interceptorId: "i1",
        threatType: "drone",
        x: 0,
        y: 0,
      });
    } else {
      s.leaked++;
      counters.leaked++;
      events.push({
        ...base,
        type: "impact",
        threatType: "drone",
        x: draw(s) * 10,
        y: 0,
        hits: [],
        casualties: 0,
        leakReason: "undetected",
      });
    }
  }

  private endLive(): void {
    this.s.phase = "assessment";
    this.s.leaked += this.s.inAir;
    this.s.inAir = 0;
  }

  view(perspective: Perspective): SideView {
    return {
      perspective,
      phase: this.phase,
      round: this.round,
      clock: this.clock,
      scores: this.scores(),
    } as SideView;
  }

  private scores(): Scores {
    const s = this.s;
    return {
      threats_launched: s.launched,
      threats_intercepted: s.intercepted,
      threats_leaked: s.leaked,
      threats_crashed: 0,
      leak_rate: s.launched ? s.leaked / s.launched : 0,
      decoys_engaged: 0,
      defender_spend_usd: s.intercepted * 1000,
      attacker_spend_usd: s.launched * 100,
      cost_exchange: s.launched ? (s.intercepted * 1000) / (s.launched * 100) : 0,
      casualties: 0,
      blackout_population_hours: 0,
      incidents: 0,
      escalation: 0,
      interceptors_left: 0,
      damage: s.leaked,
    };
  }

  summary(): MatchSummary {
    const scores = this.scores();
    return {
      ...scores,
      ...emptyFigures(),
      scenario: "toy",
      seed: this.s.seed,
      rounds: TOY_ROUNDS,
      winner:
        this.s.phase === "ended" ? (this.s.leaked > this.s.intercepted ? "attacker" : "defender") : null,
      reckoning: {
        damageValueUsd: scores.damage,
        casualtiesUsd: 0,
        blackoutUsd: 0,
        escalationUsd: 0,
        penaltiesUsd: 0,
        defenderSpendUsd: scores.defender_spend_usd,
        imposedUsd: scores.damage + scores.defender_spend_usd,
        attackerSpendUsd: scores.attacker_spend_usd,
        endReason: this.s.phase === "ended" ? "all rounds played" : "",
      },
      per_round: this.s.perRound.map(
        (r, i) => ({ ...scores, ...emptyFigures(), ...r, round: i + 1 }) as RoundSummary,
      ),
    };
  }

  snapshot(): WorldSnapshot {
    return JSON.parse(JSON.stringify(this.s)) as WorldSnapshot;
  }
}

export const toyEngine: Engine = {
  createSimulation: (_scenario, seed) =>
    new ToySim({
      version: 1,
      seed,
      rng: seed >>> 0,
      phase: "planning",
      round: 1,
      clock: 0,
      inAir: 0,
      defenders: 0,
      salvos: [],
      launched: 0,
      intercepted: 0,
      leaked: 0,
      perRound: [{ launched: 0, intercepted: 0, leaked: 0 }],
    }),
  restoreSimulation: (_scenario, snapshot) => new ToySim(JSON.parse(JSON.stringify(snapshot)) as ToyState),
};

/** Commands a scripted player might give: deployments and salvos in planning, reserve salvos live. */
export function toyPlanning(round: number, seed: number): Command[] {
  const commands: Command[] = [];
  for (let i = 0; i < 1 + ((seed + round) % 3); i++) {
    commands.push({ type: "deploy", side: "defender", unitType: "gun", at: { x: i, y: 0 } });
  }
  commands.push({
    type: "plan-salvo",
    side: "attacker",
    zone: "z",
    threatType: "drone",
    count: 10 + ((seed * 7 + round) % 20),
    launchAtSec: 5 * round,
    intervalSec: 0,
    target: "city",
    waypoints: [],
  });
  return commands;
}
