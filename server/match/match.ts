import { OK, type Outcome, refusal } from "../../shared/commands.js";
import { rolesOf } from "../../shared/crews.js";
import { assertNever } from "../../shared/never.js";
import type { FeedEntry, SeatFill } from "../../shared/protocol.js";
import type { Command, CommandResult, Perspective, SideView, SimEvent } from "../../sim/api.js";
import { CrewDesk } from "./crew-desk.js";
import { DelayLine } from "./delay.js";
import { FeedOutlet } from "./feed-outlet.js";
import type {
  AudienceFrame,
  MatchFrame,
  MatchServices,
  MatchSetup,
  MatchStatus,
  MatchTransport,
} from "./match-contract.js";
import { Pacer } from "./pacing.js";
import { PhaseClock, type RoomPhase, roomPhaseFor, stepOutOf } from "./phase-clock.js";
import { ScriptedSeats } from "./scripted-seats.js";
import { isPlayingRole, SeatBook } from "./seats.js";
import { isDelayedKey, perspectiveOf, type ViewKey, viewKey } from "./view-keys.js";

export type { AudienceFrame, MatchFrame, MatchServices, MatchSetup, MatchStatus, MatchTransport };

/** Scores, assets and other public figures are sent once a second (the clock every tick). */
const PUBLIC_INTERVAL_MS = 1000;
/** Phases that end when every person playing is ready. */
const READY_PHASES: readonly RoomPhase[] = ["lobby", "planning", "assessment"];

/**
 * One match, without Colyseus: the sim, its phases and pacing, the seats and their scripted players,
 * and the feed. The room (or a test) feeds it ticks and orders; it reports frames, feed entries,
 * summaries and phase changes through its transport.
 */
export class Match {
  readonly seats: SeatBook;
  readonly perspectives: Perspective[];
  readonly status: MatchStatus;
  private readonly feed: FeedOutlet;
  private readonly scripted: ScriptedSeats;
  /** Who acts for which crew roles, their orders' checks and the attacker's allocations. */
  readonly crews: CrewDesk;
  private readonly pacer: Pacer;
  private readonly phases: PhaseClock;
  private readonly delay: DelayLine<MatchStatus> | undefined;
  private readonly delayedKeys = new Set<ViewKey>();
  private pending: SimEvent[] = [];
  private lastPublicMs = Number.NEGATIVE_INFINITY;
  private nowMs = 0;

  constructor(
    private readonly setup: MatchSetup,
    private readonly services: MatchServices,
    private readonly transport: MatchTransport,
  ) {
    const { scenario, settings, sim } = setup;
    this.seats = new SeatBook(scenario.seats, settings.seats, rolesOf(scenario));
    this.pacer = new Pacer(settings.pacing);
    this.phases = new PhaseClock({ ...settings, debriefKeepSec: services.debriefKeepSec });
    this.delay =
      settings.spectatorDelaySec > 0 ? new DelayLine(settings.spectatorDelaySec * 1000) : undefined;
    const hasAllies = scenario.allies.length > 0 || scenario.seats.ally > 0;
    this.perspectives = ["truth", "attacker", "defender", ...(hasAllies ? (["ally"] as const) : [])];
    // A restored match's feed never saw its units deployed: it asks the world for their types.
    const unitType = (id: string) => sim.view("truth").units.find((u) => u.id === id)?.kind;
    this.feed = new FeedOutlet(
      scenario,
      this.perspectives,
      this.delay,
      (key, entries) => transport.feed(key, entries),
      unitType,
    );
    this.status = {
      scenario: setup.scenarioId,
      scenarioName: scenario.name,
      variants: settings.variants.join(","),
      rounds: scenario.rounds.length,
      round: sim.round,
      phase: "lobby",
      clock: sim.clock,
      paused: false,
      timeScale: this.pacer.initialTimeScale,
      pacing: settings.pacing.mode,
      waitingForConfirm: false,
      phaseSecondsLeft: -1,
      winner: "",
    };
    const { scenarioId, defaultPlans, seed } = setup;
    const context = { scenarioId, scenario, defaultPlans, seed };
    this.crews = new CrewDesk(scenario, this.seats, this.viewOf);
    this.scripted = new ScriptedSeats(
      this.seats,
      context,
      services.bots,
      (command, by) => this.apply(command, by),
      (seatId, command) => this.crews.permit(seatId, command),
      setup.log,
    );
    for (const seat of this.seats.scriptedSeats()) {
      const started = this.scripted.start(seat.id, seat.filledBy as Exclude<SeatFill, "human">);
      if (!started.ok) throw new Error(`seat ${seat.id}: ${started.message}`);
    }
    this.phases.enter("lobby");
  }

  get phase(): RoomPhase {
    return this.status.phase;
  }

  get hasDelay(): boolean {
    return this.delay !== undefined;
  }

  /** One tick: timers, sim steps, phase changes, scripted seats, feed, and the frame for the clients. */
  tick(elapsedMs: number, nowMs: number): void {
    this.nowMs = nowMs;
    const { paused } = this.status;
    if (!paused || this.phase === "debrief") {
      if (this.phase === "planning" && this.mayLeaveByItself()) this.phases.restartIfStopped();
      if (this.phases.tick(elapsedMs / 1000)) this.timerExpired();
    }
    if (this.phase === "live" && !paused) this.runSteps(elapsedMs);
    this.reconcile();
    const { sim } = this.setup;
    const views = new Map(this.perspectives.map((p) => [p, sim.view(p)] as const));
    if (this.phase === "live" && !paused) this.scripted.tick(views);
    const events = this.pending;
    this.pending = [];
    if (events.length > 0) this.services.recorder?.events?.(events);
    this.feed.flush(events, nowMs);
    for (const { summary, final } of this.delay?.dueSummaries(nowMs) ?? [])
      this.transport.summary(summary, final, true);
    this.sendFrame(views, nowMs);
    this.services.recorder?.reached?.();
  }

  /** Send a frame of the match as it stands, without advancing it (after joins and seat changes). */
  refresh(nowMs: number): void {
    const { sim } = this.setup;
    this.sendFrame(new Map(this.perspectives.map((p) => [p, sim.view(p)] as const)), nowMs);
  }

  /**
   * Apply a sim command; `by` names who gave it for the record, which is written before the command can
   * show anywhere (server/match/recorder.ts). Orders open with the first planning.
   */
  apply(command: Command, by: string): CommandResult {
    if (this.phase === "lobby")
      return refusal("wrong_phase", "the match has not started: orders open with planning");
    const { sim } = this.setup;
    const { clock, round, phase } = sim;
    const { recorder } = this.services;
    const run = () => sim.apply(command);
    const result = recorder ? recorder.command({ round, clock, phase, by, command }, run) : run();
    if (result.ok) this.pending.push(...result.events);
    return result;
  }

  /** Move the match on (the instructor, a timer, or every seat ready). */
  advance(by: string): Outcome {
    const step = stepOutOf(this.phase);
    switch (step) {
      case "none":
        return refusal("wrong_phase", "the match is over");
      case "enter-planning":
        this.enter("planning");
        return OK;
      case "start-live":
      case "end-live":
      case "next-round": {
        const outcome = this.apply({ type: step, side: "white" }, by);
        this.reconcile();
        return outcome;
      }
      default:
        return assertNever(step, "phase step");
    }
  }

  setPaused(paused: boolean): void {
    this.status.paused = paused;
    if (!paused) this.pacer.resume();
    this.recordControls();
  }

  setTimeScale(timeScale: number): void {
    this.status.timeScale = timeScale;
    this.recordControls();
  }

  /** Stop the clock without it being the instructor's pause (a restored match waits for its people). */
  holdStill(): void {
    this.status.paused = true;
  }

  private recordControls(): void {
    const { paused, timeScale } = this.status;
    this.services.recorder?.controls?.({ paused, timeScale });
  }

  /** A seat says it is ready; when every person playing is, the match moves on. */
  setReady(seatId: string, ready: boolean): Outcome {
    if (!READY_PHASES.includes(this.phase))
      return refusal("wrong_phase", `nothing to be ready for during ${this.phase}`);
    const seat = this.seats.get(seatId);
    if (seat) seat.ready = ready;
    if (this.seats.allHumansReady() && this.mayLeaveByItself()) this.advance("ready");
    return OK;
  }

  /**
   * Ready seats and timers never start a night while an attacker or defender seat meant for a person is
   * empty (only the instructor does, by advancing the phase); a timer that ran out meanwhile starts
   * again, in full, once the seat is taken, so a late player still gets to plan.
   */
  private mayLeaveByItself(): boolean {
    return this.phase !== "planning" || this.seats.emptyNightRoles().length === 0;
  }

  /** Wego pacing: a seat has seen the pause; the clock goes on when every person has. */
  confirm(seatId: string): Outcome {
    if (!this.pacer.waiting) return refusal("wrong_phase", "the clock is not waiting for confirmation");
    this.pacer.confirm(seatId);
    this.pacer.releaseIfConfirmed(this.humanSeatIds());
    return OK;
  }

  /**
   * Hand a playing seat to a scripted player, or open it for people ("human"); with `crewRole`, a free
   * seat of a side played by people goes to a bot doing that crew role's work (docs/classroom.md).
   */
  assignSeat(seatId: string, fill: SeatFill, crewRole?: string): Outcome {
    const seat = this.seats.get(seatId);
    if (!seat) return refusal("not_allowed", `no seat '${seatId}'`, "seatId");
    if (!isPlayingRole(seat.role))
      return refusal("not_allowed", `the ${seat.role} seat cannot be scripted`, "seatId");
    if (fill === "human") {
      if (crewRole !== undefined) return refusal("invalid", "people pick their own crew role", "role");
      this.scripted.stop(seatId);
      this.seats.release(seatId);
      return OK;
    }
    const problem = crewRole === undefined ? undefined : this.seats.scriptedRoleProblem(seatId, crewRole);
    if (problem) return refusal("not_allowed", problem, "role");
    const started = this.scripted.start(seatId, fill, crewRole);
    if (!started.ok) return started;
    if (this.phase === "planning") this.scripted.plan(seatId, this.setup.sim.round, this.viewOf);
    return OK;
  }

  bookmark(note: string, by: string): void {
    const { sim } = this.setup;
    this.services.recorder?.bookmark?.(note, sim.round, sim.clock, by);
  }

  /** Start showing a delayed audience once a spectator watches it. */
  watch(key: ViewKey): void {
    if (isDelayedKey(key)) this.delayedKeys.add(key);
  }

  /** The latest feed entries of an audience (for a client that joins or switches to it). */
  recentFeed(key: ViewKey): FeedEntry[] {
    return this.feed.recent(key);
  }

  /** A restored match picks up in its world's phase; scripted seats plan again only if `replan`. */
  resume(replan: boolean): void {
    this.enter(roomPhaseFor(this.setup.sim.phase, "planning"), replan);
  }

  /** What one perspective sees now. */
  readonly viewOf = (perspective: Perspective): SideView => this.setup.sim.view(perspective);

  private humanSeatIds(): string[] {
    return this.seats.readySeats().map((seat) => seat.id);
  }

  private runSteps(elapsedMs: number): void {
    const { sim } = this.setup;
    const steps = this.pacer.stepsFor(elapsedMs, this.status.timeScale, sim.clock);
    for (let i = 0; i < steps && sim.phase === "live"; i++) this.pending.push(...sim.step());
    if (this.pacer.waiting) this.pacer.releaseIfConfirmed(this.humanSeatIds());
  }

  private timerExpired(): void {
    if (this.phase === "debrief") this.transport.expired();
    else if (this.mayLeaveByItself()) this.advance("timer");
  }

  /** Follow the sim when it moves on by itself (end of a night, end of the match). */
  private reconcile(): void {
    const { sim } = this.setup;
    const target = roomPhaseFor(sim.phase, this.phase);
    if (target !== this.phase || sim.round !== this.status.round) this.enter(target);
  }

  private enter(phase: RoomPhase, plan = true): void {
    const { sim } = this.setup;
    const { recorder } = this.services;
    this.phases.enter(phase);
    this.lastPublicMs = Number.NEGATIVE_INFINITY; // a new phase shows exact figures at once
    this.status.phase = phase;
    this.status.round = sim.round;
    this.seats.resetReady();
    switch (phase) {
      case "lobby":
        break;
      case "planning":
        if (plan) this.scripted.planAll(sim.round, this.viewOf);
        break;
      case "live":
        this.pacer.reset();
        break;
      case "assessment":
      case "debrief": {
        const summary = sim.summary();
        if (phase === "debrief") this.status.winner = summary.winner ?? "draw";
        const final = phase === "debrief";
        recorder?.summary?.(summary, final);
        this.transport.summary(summary, final, false);
        this.delay?.pushSummary(this.nowMs, summary, final);
        break;
      }
      default:
        assertNever(phase, "phase");
    }
    this.setup.log.info({ phase, round: sim.round }, "phase");
    recorder?.phase?.(phase, sim.round);
    this.transport.phaseChanged(phase, sim.round);
  }

  private sendFrame(views: ReadonlyMap<Perspective, SideView>, nowMs: number): void {
    const publicDue = nowMs - this.lastPublicMs >= PUBLIC_INTERVAL_MS;
    if (publicDue) this.lastPublicMs = nowMs;
    const truth = views.get("truth");
    if (truth) this.status.clock = truth.clock;
    this.status.waitingForConfirm = this.pacer.waiting;
    this.status.phaseSecondsLeft = this.phases.displaySecondsLeft;
    const allocations = this.crews.allocationsShown();
    const audiences: AudienceFrame[] = [...views].map(([perspective, view]) => ({
      key: viewKey(perspective),
      view,
      withScores: publicDue,
      allocations,
    }));
    if (this.delay) {
      this.delay.record(nowMs, views, { ...this.status });
      const frame = this.delay.frameAt(nowMs);
      for (const key of frame ? this.delayedKeys : []) {
        const view = frame?.views.get(perspectiveOf(key));
        if (view) audiences.push({ key, view, withScores: true, status: frame?.status });
      }
    }
    this.transport.frame({
      status: this.status,
      seats: this.seats,
      audiences,
      ...(publicDue && truth ? { publicView: truth } : {}),
    });
  }
}
