import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MatchRecorder } from "../../../server/match/recorder.js";
import type { Command, Simulation } from "../../../sim/api.js";
import { toyPlanning } from "./toy-sim.js";

/** A fresh directory for one test's database files; removed by the returned cleanup. */
export function tempDir(prefix = "skyshield-store-"): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const RESERVE_EVERY_SEC = 37;

const reserveSalvo: Command = {
  type: "plan-salvo",
  side: "attacker",
  zone: "z",
  threatType: "drone",
  count: 3,
  launchAtSec: 1,
  intervalSec: 0,
  target: "city",
  waypoints: [],
};

/**
 * Calls the recorder hooks the way the match room does (server/match/match.ts): each accepted command
 * with the position it was applied at, the events of each step, summaries and phases as they change.
 * It plays two scripted seats: planning orders then start-live, a reserve salvo every 37 live seconds,
 * next-round after each assessment.
 */
export class ToyRoom {
  private phase: string;
  private round: number;

  constructor(
    readonly sim: Simulation,
    private readonly recorder: MatchRecorder | undefined,
    private readonly seed: number,
  ) {
    this.phase = sim.phase;
    this.round = sim.round;
  }

  play(until: (sim: Simulation) => boolean = () => false): void {
    const { sim } = this;
    while (sim.phase !== "ended" && !until(sim)) {
      if (sim.phase === "planning") {
        for (const command of toyPlanning(sim.round, this.seed)) this.apply(command, "plan:defender-1");
        this.apply({ type: "start-live", side: "white" }, "timer");
      } else if (sim.phase === "live") {
        this.step();
        if (sim.phase === "live" && sim.clock % RESERVE_EVERY_SEC === 0)
          this.apply(reserveSalvo, "attacker-1");
      } else this.apply({ type: "next-round", side: "white" }, "timer");
    }
  }

  apply(command: Command, by: string): void {
    const { sim } = this;
    const at = { round: sim.round, clock: sim.clock, phase: sim.phase };
    const run = () => sim.apply(command);
    const result = this.recorder ? this.recorder.command({ ...at, by, command }, run) : run();
    if (!result.ok) throw new Error(`toy rejected ${command.type}: ${result.message}`);
    this.reconcile();
  }

  private step(): void {
    const events = this.sim.step();
    if (events.length > 0) this.recorder?.events?.(events);
    this.reconcile();
  }

  private reconcile(): void {
    const { sim } = this;
    if (sim.phase === this.phase && sim.round === this.round) return;
    this.phase = sim.phase;
    this.round = sim.round;
    if (sim.phase === "assessment" || sim.phase === "ended")
      this.recorder?.summary?.(sim.summary(), sim.phase === "ended");
    this.recorder?.phase?.(sim.phase === "ended" ? "debrief" : sim.phase, sim.round);
  }
}
