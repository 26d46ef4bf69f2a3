import type { CompiledScenario } from "../../shared/compiled.js";
import type { MatchRecord, Position, RecordedCommand, SnapshotMeta } from "../../shared/history.js";
import type { MatchSummary, SimEvent, SimPhase, Simulation, WorldSnapshot } from "../api.js";

/**
 * Deterministic replay: rebuild the world at any recorded moment from the seed (or a snapshot) and
 * the commands after it, applying each command exactly where it was applied live. Pure: no I/O, so
 * the browser's replay viewer runs the same code on an exported record.
 */

export interface Engine {
  createSimulation(scenario: CompiledScenario, seed: number): Simulation;
  restoreSimulation(scenario: CompiledScenario, snapshot: WorldSnapshot): Simulation;
}

/** What a replay needs from a record. Snapshot bodies are fetched on demand (they are large). */
export interface ReplaySource {
  scenario: CompiledScenario;
  seed: number;
  commands: RecordedCommand[];
  snapshots: SnapshotMeta[];
  loadSnapshot(idx: number): WorldSnapshot;
  /** Where the match ended; null while it runs. */
  end: Position | null;
  /** A branched match starts from its origin snapshot, never from the seed. */
  branched?: boolean;
}

/** The replay source of a match record; snapshot bodies come from `loadSnapshot` when needed. */
export function replaySourceOf(
  record: MatchRecord,
  loadSnapshot: (idx: number) => WorldSnapshot,
): ReplaySource {
  return {
    scenario: record.scenarioFile,
    seed: record.seed,
    commands: record.commands,
    snapshots: record.snapshots,
    loadSnapshot,
    end: record.end,
    branched: record.branchOf !== null,
  };
}

export interface ReplayHooks {
  /** Events of every command and step applied by the replay, in order. */
  events?(events: SimEvent[], sim: Simulation): void;
  /** After every step (sampling for charts). */
  afterStep?(sim: Simulation): void;
}

/** The replay no longer matches the record: a different engine version, or a corrupt record. */
export class ReplayDivergence extends Error {
  override name = "ReplayDivergence";
}

const PHASE_ORDER: Record<SimPhase, number> = { planning: 0, live: 1, assessment: 2, ended: 3 };

export function comparePositions(a: Position, b: Position): number {
  return a.round - b.round || PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || a.t - b.t;
}

export function positionOf(sim: Simulation): Position {
  return { round: sim.round, phase: sim.phase, t: sim.clock };
}

export function formatPosition(p: Position): string {
  return `round ${p.round} ${p.phase} t=${p.t}s`;
}

/** The latest moment the record knows of: its end, or its last command or snapshot. */
export function lastKnownPosition(source: ReplaySource): Position | null {
  const candidates: Position[] = [...source.commands.slice(-1), ...source.snapshots.slice(-1)];
  if (source.end) candidates.push(source.end);
  return candidates.sort(comparePositions).at(-1) ?? null;
}

interface Keyframe {
  at: Position;
  afterSeq: number;
  load(): WorldSnapshot;
}

export class Replay {
  sim: Simulation;
  /** Commands applied so far (index of the next one in `source.commands`). */
  private applied = 0;
  private readonly keyframes: Keyframe[];

  constructor(
    readonly source: ReplaySource,
    private readonly engine: Engine,
    private readonly hooks: ReplayHooks = {},
  ) {
    this.keyframes = source.snapshots.map((s) => ({
      at: s,
      afterSeq: s.afterSeq,
      load: () => source.loadSnapshot(s.idx),
    }));
    this.sim = this.startFrom(null);
  }

  get position(): Position {
    return positionOf(this.sim);
  }

  /** Play forward to `target`: apply the commands recorded up to it, step the clock to it. */
  advance(target: Position): void {
    const commands = this.source.commands;
    while (this.applied < commands.length && comparePositions(commands[this.applied], target) <= 0) {
      this.applyRecorded(commands[this.applied]);
      this.applied++;
    }
    this.stepUntil(target);
  }

  /** Jump to `target` from the nearest keyframe before it (or keep going if that is nearer). */
  seek(target: Position): void {
    const keyframe = this.bestKeyframe(target);
    const current = this.position;
    const canContinue = comparePositions(current, target) <= 0;
    if (!canContinue || (keyframe && comparePositions(keyframe.at, current) > 0))
      this.sim = this.startFrom(keyframe);
    this.advance(target);
  }

  /** Play the whole record and check it ends where the record says; returns the final world. */
  runToEnd(): Simulation {
    const end = this.source.end ?? lastKnownPosition(this.source);
    if (!end) return this.sim;
    this.advance(end);
    this.expectAt(end, "the recorded end");
    if (this.applied < this.source.commands.length) {
      throw new ReplayDivergence(`the record has commands after its end (${formatPosition(end)})`);
    }
    return this.sim;
  }

  private bestKeyframe(target: Position): Keyframe | null {
    let best: Keyframe | null = null;
    for (const k of this.keyframes) if (comparePositions(k.at, target) <= 0) best = k;
    return best;
  }

  private startFrom(keyframe: Keyframe | null): Simulation {
    const origin = keyframe ?? (this.source.branched ? (this.keyframes[0] ?? null) : null);
    if (!origin) {
      if (this.source.branched) throw new ReplayDivergence("a branched match has no origin snapshot");
      this.applied = 0;
      return this.engine.createSimulation(this.source.scenario, this.source.seed);
    }
    this.applied = origin.afterSeq;
    const sim = this.engine.restoreSimulation(this.source.scenario, origin.load());
    const at = positionOf(sim);
    if (comparePositions(at, origin.at) !== 0) {
      throw new ReplayDivergence(
        `a snapshot restores to ${formatPosition(at)}, recorded at ${formatPosition(origin.at)}`,
      );
    }
    return sim;
  }

  private applyRecorded(recorded: RecordedCommand): void {
    this.stepUntil(recorded);
    this.expectAt(recorded, `command ${recorded.seq} (${recorded.command.type})`);
    const result = this.sim.apply(recorded.command);
    if (!result.ok) {
      throw new ReplayDivergence(
        `command ${recorded.seq} (${recorded.command.type}) was accepted live but the replay rejects it: ${result.message}`,
      );
    }
    if (result.events.length) this.hooks.events?.(result.events, this.sim);
  }

  /** Step while the world is live and before `target`; stepping outside the live phase does nothing. */
  private stepUntil(target: Position): void {
    while (this.sim.phase === "live" && comparePositions(this.position, target) < 0) {
      const events = this.sim.step();
      if (events.length) this.hooks.events?.(events, this.sim);
      this.hooks.afterStep?.(this.sim);
    }
  }

  private expectAt(target: Position, what: string): void {
    if (comparePositions(this.position, target) !== 0) {
      throw new ReplayDivergence(
        `the replay is at ${formatPosition(this.position)} where the record has ${what} at ${formatPosition(target)}`,
      );
    }
  }
}

export interface Verification {
  equal: boolean;
  /** Paths where the replayed summary differs, e.g. "per_round.1.threats_leaked: 12 ≠ 13". */
  differences: string[];
  /** Null when the replay could not reach the end (the divergence is the one difference). */
  replayed: MatchSummary | null;
}

/** Replay a finished record from its start and compare the summary with the recorded one. */
export function verifyReplay(source: ReplaySource, engine: Engine, recorded: MatchSummary): Verification {
  let replayed: MatchSummary;
  try {
    replayed = new Replay(source, engine).runToEnd().summary();
  } catch (error) {
    if (error instanceof ReplayDivergence)
      return { equal: false, differences: [error.message], replayed: null };
    throw error;
  }
  const differences = diffJson(recorded, replayed);
  return { equal: differences.length === 0, differences, replayed };
}

/** Paths where two JSON values differ, as "path: a ≠ b" (empty when equal). */
export function diffJson(a: unknown, b: unknown, path = ""): string[] {
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) =>
      diffJson(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      ),
    );
  }
  return Object.is(a, b) ? [] : [`${path || "(root)"}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}
