import type { CompiledScenario } from "../../shared/compiled.js";
import type { DefaultPlans } from "../../shared/plan.js";
import type { FeedEntry, SeatFill } from "../../shared/protocol.js";
import type { MatchState } from "../../shared/wire/state.js";
import type {
  Command,
  CommandResult,
  MatchSummary,
  Perspective,
  SideView,
  SimEvent,
  Simulation,
} from "../../sim/api.js";
import { Feed } from "../../sim/review/narration.js";
import { isPlayingRole, SeatBook } from "../colyseus/seats.js";
import { StateSync, type SyncOptions } from "../colyseus/sync.js";
import { isDelayedKey, perspectiveOf, ViewHub, type ViewKey, viewKey } from "../colyseus/views.js";
import type { Logger } from "../log.js";
import { DelayLine } from "./delay.js";
import type { MatchSettings } from "./options.js";
import { fromCommandResult, OK, type Outcome, refuse } from "./outcome.js";
import { Pacer } from "./pacing.js";
import { PhaseClock, type RoomPhase, roomPhaseFor, stepOutOf } from "./phases.js";
import type { MatchRecorder } from "./recorder.js";
import { type BotFactory, createController, type SeatController } from "./scripted.js";

/** Feed messages go out at most this often; routine events in between are counted, not listed. */
const FEED_INTERVAL_MS = 1000;
/** Scores, assets and other public figures are copied once a second (the clock every tick). */
const PUBLIC_INTERVAL_MS = 1000;

/** The match itself: what it plays, and where it writes. */
export interface MatchSetup {
  scenarioId: string;
  scenario: CompiledScenario;
  defaultPlans: DefaultPlans | undefined;
  settings: MatchSettings;
  seed: number;
  sim: Simulation;
  state: MatchState;
  log: Logger;
}

/** What the server lends it. */
export interface MatchServices {
  bots?: BotFactory;
  recorder?: MatchRecorder;
  sync: SyncOptions;
  debriefKeepSec: number;
}

export interface MatchListener {
  phaseChanged(phase: RoomPhase, round: number): void;
  feed(key: ViewKey, entries: FeedEntry[]): void;
  summary(summary: MatchSummary, final: boolean): void;
  /** The debrief's keep-alive ran out: the room may close. */
  expired(): void;
}

/**
 * One match, without Colyseus: the sim, its phases and pacing, the seats and their scripted controllers,
 * the feed, and the copy into the schema state. The room feeds it ticks and orders and relays what it
 * reports to clients.
 */
export class Match {
  readonly seats: SeatBook;
  readonly hub = new ViewHub((key) => this.sync.itemsOf(key));
  readonly feed: Feed;
  readonly perspectives: Perspective[];
  private readonly sync: StateSync;
  private readonly pacer: Pacer;
  private readonly phases: PhaseClock;
  private readonly delay: DelayLine | undefined;
  private readonly controllers = new Map<string, SeatController>();
  private readonly delayedKeys = new Set<ViewKey>();
  private pending: SimEvent[] = [];
  /** Events waiting for the next feed message (at most one a second, so bursts read as counts). */
  private feedBatch: SimEvent[] = [];
  private lastFeedMs = Number.NEGATIVE_INFINITY;
  private lastPublicMs = Number.NEGATIVE_INFINITY;
  private paused = false;

  constructor(
    private readonly setup: MatchSetup,
    private readonly services: MatchServices,
    private readonly listener: MatchListener,
  ) {
    const { scenario, settings, state } = setup;
    this.seats = new SeatBook(state.seats, scenario.seats, settings.seats);
    // A restored match's feed never saw its units deployed: it asks the world for their types.
    this.feed = new Feed(scenario, (id) => setup.sim.view("truth").units.find((u) => u.id === id)?.kind);
    this.sync = new StateSync(state, this.hub, services.sync);
    this.pacer = new Pacer(settings.pacing);
    this.phases = new PhaseClock({ ...settings, debriefKeepSec: services.debriefKeepSec });
    this.delay =
      settings.spectatorDelaySec > 0 ? new DelayLine(settings.spectatorDelaySec * 1000) : undefined;
    const hasAllies = scenario.allies.length > 0 || scenario.seats.ally > 0;
    this.perspectives = ["truth", "attacker", "defender", ...(hasAllies ? (["ally"] as const) : [])];
    state.scenario = setup.scenarioId;
    state.scenarioName = scenario.name;
    state.rounds = scenario.rounds.length;
    state.round = setup.sim.round;
    state.pacing = settings.pacing.mode;
    state.timeScale = this.pacer.initialTimeScale;
    for (const seat of this.seats.scriptedSeats()) {
      const started = this.startController(seat.id, seat.filledBy as SeatFill);
      if (!started.ok) throw new Error(`seat ${seat.id}: ${started.message}`);
    }
    this.phases.enter("lobby");
  }

  get phase(): RoomPhase {
    return this.phases.phase;
  }

  get waitingForConfirm(): boolean {
    return this.pacer.waiting;
  }

  get hasDelay(): boolean {
    return this.delay !== undefined;
  }

  /** One room tick: timers, sim steps, phase changes, scripted seats, feed, and the state copy. */
  tick(elapsedMs: number, nowMs: number): void {
    if (!this.paused || this.phase === "debrief") {
      if (this.phase === "planning" && this.mayLeaveByItself()) this.phases.restartIfStopped();
      if (this.phases.tick(elapsedMs / 1000)) this.timerExpired();
    }
    if (this.phase === "live" && !this.paused) this.runSteps(elapsedMs);
    this.reconcile();
    const views = new Map(this.perspectives.map((p) => [p, this.setup.sim.view(p)] as const));
    if (this.phase === "live" && !this.paused) this.tickControllers(views);
    this.flushFeed(nowMs);
    this.copyToState(views, nowMs);
  }

  /** Apply a sim command; `by` names who gave it for the record. */
  apply(command: Command, by: string): CommandResult {
    const { sim } = this.setup;
    const { recorder } = this.services;
    const clock = sim.clock;
    const round = sim.round;
    const phase = sim.phase;
    const result = sim.apply(command);
    if (result.ok) {
      recorder?.command({ round, clock, phase, by, command });
      this.pending.push(...result.events);
    }
    return result;
  }

  advance(by: string): Outcome {
    const step = stepOutOf(this.phase);
    switch (step) {
      case "none":
        return refuse("wrong_phase", "the match is over");
      case "enter-planning":
        this.enter("planning");
        return OK;
      case "start-live":
      case "end-live":
      case "next-round": {
        const outcome = fromCommandResult(this.apply({ type: step, side: "white" }, by));
        this.reconcile();
        return outcome;
      }
    }
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) this.pacer.resume();
    this.setup.state.paused = paused;
  }

  setTimeScale(timeScale: number): void {
    this.setup.state.timeScale = timeScale;
  }

  setReady(seatId: string, ready: boolean): void {
    const seat = this.seats.get(seatId);
    if (seat) seat.ready = ready;
    if (this.seats.allHumansReady() && this.mayLeaveByItself()) this.advance("ready");
  }

  /**
   * Ready seats and timers never start a night while an attacker or defender seat meant for a person is
   * empty (only the instructor does, by advancing the phase); a timer that ran out meanwhile starts
   * again, in full, once the seat is taken, so a late player still gets to plan.
   */
  private mayLeaveByItself(): boolean {
    return this.phase !== "planning" || this.seats.emptyNightRoles().length === 0;
  }

  confirm(seatId: string): void {
    this.pacer.confirm(seatId);
    this.pacer.releaseIfConfirmed(this.humanSeatIds());
  }

  ownsUnit(side: "defender" | "ally", unitId: string): boolean {
    return this.setup.sim.view(side).units.some((unit) => unit.id === unitId && unit.side === side);
  }

  /** Hand a playing seat to a scripted controller, or open it for people ("human"). */
  assignSeat(seatId: string, fill: SeatFill): Outcome {
    const seat = this.seats.get(seatId);
    if (!seat) return refuse("not_allowed", `no seat '${seatId}'`, "seatId");
    if (!isPlayingRole(seat.role))
      return refuse("not_allowed", `the ${seat.role} seat cannot be scripted`, "seatId");
    if (fill === "human") {
      this.controllers.delete(seatId);
      this.seats.release(seatId);
      return OK;
    }
    const started = this.startController(seatId, fill);
    if (!started.ok) return started;
    if (this.phase === "planning") this.planWith(seatId);
    return OK;
  }

  bookmark(note: string, by: string): void {
    const { sim } = this.setup;
    this.services.recorder?.bookmark?.(note, sim.round, sim.clock, by);
  }

  /** Start mirroring a delayed perspective once a spectator watches it. */
  watch(key: ViewKey): void {
    if (isDelayedKey(key)) this.delayedKeys.add(key);
  }

  private startController(seatId: string, fill: SeatFill): Outcome {
    const seat = this.seats.get(seatId);
    if (!seat || fill === "human" || !isPlayingRole(seat.role))
      return refuse("not_allowed", "not a playing seat");
    const { scenarioId, scenario, defaultPlans, seed } = this.setup;
    const ctx = { side: seat.role, scenarioId, scenario, defaultPlans, seed };
    const controller = createController(fill, ctx, this.services.bots);
    if (typeof controller === "string") return refuse("not_allowed", controller, "to");
    this.seats.assign(seatId, fill);
    this.controllers.set(seatId, controller);
    return OK;
  }

  private humanSeatIds(): string[] {
    return this.seats.humanPlayingSeats().map((seat) => seat.id);
  }

  private runSteps(elapsedMs: number): void {
    const { sim, state } = this.setup;
    const steps = this.pacer.stepsFor(elapsedMs, state.timeScale, sim.clock);
    for (let i = 0; i < steps && sim.phase === "live"; i++) this.pending.push(...sim.step());
    if (this.pacer.waiting) this.pacer.releaseIfConfirmed(this.humanSeatIds());
  }

  private timerExpired(): void {
    if (this.phase === "debrief") this.listener.expired();
    else if (this.mayLeaveByItself()) this.advance("timer");
  }

  /** Follow the sim when it moves on by itself (end of a night, end of the match). */
  private reconcile(): void {
    const { sim, state } = this.setup;
    const target = roomPhaseFor(sim.phase, this.phase);
    if (target !== this.phase || sim.round !== state.round) this.enter(target);
  }

  /** A restored match picks up in its world's phase; scripted seats plan again only if `replan`. */
  resume(replan: boolean): void {
    this.enter(roomPhaseFor(this.setup.sim.phase, "planning"), replan);
  }

  private enter(phase: RoomPhase, plan = true): void {
    const { sim, state } = this.setup;
    const { recorder } = this.services;
    this.phases.enter(phase);
    this.lastPublicMs = Number.NEGATIVE_INFINITY; // a new phase shows exact figures at once
    state.phase = phase;
    state.round = sim.round;
    this.seats.resetReady();
    switch (phase) {
      case "lobby":
        break;
      case "planning":
        if (plan) for (const seatId of this.controllers.keys()) this.planWith(seatId);
        break;
      case "live":
        this.pacer.reset();
        break;
      case "assessment":
      case "debrief": {
        const summary = sim.summary();
        if (phase === "debrief") state.winner = summary.winner ?? "draw";
        recorder?.summary?.(summary, phase === "debrief");
        this.listener.summary(summary, phase === "debrief");
        break;
      }
    }
    this.setup.log.info({ phase, round: sim.round }, "phase");
    recorder?.phase?.(phase, sim.round);
    this.listener.phaseChanged(phase, sim.round);
  }

  private planWith(seatId: string): void {
    const seat = this.seats.get(seatId);
    const controller = this.controllers.get(seatId);
    if (!seat || !controller || !isPlayingRole(seat.role)) return;
    const { sim } = this.setup;
    this.applyAll(seatId, controller.onPlanning(sim.round, sim.view(seat.role)));
  }

  private tickControllers(views: ReadonlyMap<Perspective, SideView>): void {
    for (const [seatId, controller] of this.controllers) {
      const role = this.seats.get(seatId)?.role;
      const view = role && isPlayingRole(role) ? views.get(role) : undefined;
      if (controller.onTick && view) this.applyAll(seatId, controller.onTick(view));
    }
  }

  private applyAll(seatId: string, commands: Command[]): void {
    for (const command of commands) {
      const result = this.apply(command, `plan:${seatId}`);
      if (!result.ok)
        this.setup.log.warn(
          { seatId, command: command.type, reason: result.reason },
          "scripted order refused",
        );
    }
  }

  private flushFeed(nowMs: number): void {
    const events = this.pending;
    this.pending = [];
    if (events.length > 0) {
      this.services.recorder?.events?.(events);
      this.feedBatch.push(...events);
    }
    if (this.feedBatch.length > 0 && nowMs - this.lastFeedMs >= FEED_INTERVAL_MS) {
      const batch = this.feedBatch;
      this.feedBatch = [];
      this.lastFeedMs = nowMs;
      for (const [perspective, entries] of this.feed.describe(batch, this.perspectives)) {
        if (entries.length === 0) continue;
        this.publish(viewKey(perspective), entries);
        this.delay?.pushFeed(nowMs, perspective, entries);
      }
    }
    for (const { perspective, entries } of this.delay?.dueFeed(nowMs) ?? []) {
      this.publish(viewKey(perspective, true), entries);
    }
  }

  private publish(key: ViewKey, entries: FeedEntry[]): void {
    this.feed.remember(key, entries);
    this.listener.feed(key, entries);
  }

  private copyToState(views: ReadonlyMap<Perspective, SideView>, nowMs: number): void {
    const { state } = this.setup;
    const publicDue = nowMs - this.lastPublicMs >= PUBLIC_INTERVAL_MS;
    for (const [perspective, view] of views) this.sync.perspective(viewKey(perspective), view, publicDue);
    const truth = views.get("truth");
    if (truth) state.clock = truth.clock;
    if (truth && publicDue) {
      this.sync.publicFields(truth);
      this.lastPublicMs = nowMs;
    }
    state.waitingForConfirm = this.pacer.waiting;
    state.phaseSecondsLeft = this.phases.displaySecondsLeft;
    if (!this.delay) return;
    this.delay.record(nowMs, views);
    const frame = this.delay.frameAt(nowMs);
    if (!frame) return;
    for (const key of this.delayedKeys) {
      const view = frame.views.get(perspectiveOf(key));
      if (view) this.sync.perspective(key, view, true);
    }
  }
}
