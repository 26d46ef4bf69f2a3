import { randomBytes, randomInt } from "node:crypto";
import { type Client, ErrorCode, Room, ServerError } from "@colyseus/core";
import type { ServerMessage, ViewName } from "../../shared/protocol.js";
import { MatchState } from "../../shared/wire/state.js";
import type { MatchSummary } from "../../sim/api.js";
import { createSimulation } from "../../sim/index.js";
import { type Logger, matchLogger } from "../log.js";
import { admissionProblem } from "../match/admission.js";
import { allocateCode } from "../match/codes.js";
import { Match } from "../match/match.js";
import { fingerprint, type JoinOptions, parseJoinOptions, parseMatchSettings } from "../match/options.js";
import { OrderDesk } from "../match/order-desk.js";
import { TICK_MS } from "../match/pacing.js";
import { FloodGuard, type RateLimitSettings } from "../match/ratelimit.js";
import type { MatchRecorder, RecorderFactory } from "../match/recorder.js";
import type { BotFactory } from "../match/scripted.js";
import { isPlayingRole } from "../match/seats.js";
import { summaryFor } from "../match/summaries.js";
import { perspectiveOf, viewKey } from "../match/view-keys.js";
import { TickMeter } from "../ops/ticks.js";
import type { ScenarioSource } from "../scenarios/source.js";
import type { RestoredMatch } from "../store/recovery.js";
import { EmptyRoomGrace } from "./grace.js";
import { codesInUse, listingOf, type MatchMetadata } from "./metadata.js";
import { StateMirror } from "./mirror.js";
import { Occupancy, type Occupant } from "./occupancy.js";
import { orderTarget } from "./order-target.js";
import type { SyncOptions } from "./sync.js";
import { ViewHub } from "./view-hub.js";

/**
 * The Colyseus room `match`: a thin adapter between clients and a Match. It validates options, hands out
 * seats and views, routes every message through the order desk, and relays feed and summaries.
 */
export interface RoomDeps {
  scenarios: ScenarioSource;
  log: Logger;
  bots?: BotFactory;
  recorders?: RecorderFactory;
  /** Match history: rebuilds a recorded match when the create options carry `restore` (recovery, branch). */
  restore?: (options: unknown) => RestoredMatch | undefined;
  sync: SyncOptions;
  rateLimit: RateLimitSettings;
  /** How long a dropped player's seat is held for reconnection. */
  reconnectHoldSec: number;
  /** How long a finished match stays open for late spectators. */
  debriefKeepSec: number;
  /** How long a match stays open once its last person has left. */
  emptyGraceSec: number;
  now: () => number;
}

interface JoinAuth {
  join: JoinOptions;
  creator: boolean;
}

type MatchClient = Client<Occupant, JoinAuth>;

/** How long a match recovered after a restart stays open with nobody in it. */
const REJOIN_HOLD_SEC = 600;
const FLOOD_CLOSE_CODE = 4029;

function reject(message: string): never {
  throw new ServerError(ErrorCode.APPLICATION_ERROR, message);
}

export abstract class MatchRoom extends Room<MatchState, MatchMetadata, Occupant, JoinAuth> {
  protected abstract readonly deps: RoomDeps;
  private match!: Match;
  private desk!: OrderDesk;
  private log!: Logger;
  private instructorKey = randomBytes(12).toString("base64url");
  /** The record's id: the room id, except for a match recovered after a restart. */
  private matchId = "";
  private recorder: MatchRecorder | undefined;
  private readonly createdAt = new Date().toISOString();
  private creatorPrint = "";
  private creatorJoined = false;
  private lastSummary: { summary: MatchSummary; final: boolean } | undefined;
  private occupancy!: Occupancy;
  private grace!: EmptyRoomGrace;
  private hub!: ViewHub;

  override async onCreate(options: unknown): Promise<void> {
    const restored = this.restoreFrom(options);
    const parsed = parseMatchSettings(restored?.settings ?? options);
    if (!parsed.ok) reject(parsed.message);
    const creatorSeat = restored ? undefined : parseJoinOptions(options);
    if (creatorSeat && !creatorSeat.ok) reject(creatorSeat.message);
    const settings = parsed.value;
    const { scenarios, recorders, bots, sync, debriefKeepSec } = this.deps;
    const scenario = restored?.scenario ?? scenarios.load(settings.scenario);
    if (!scenario) {
      const known = scenarios.list().map((s) => s.id);
      reject(`unknown scenario '${settings.scenario}' (known: ${known.join(", ")})`);
    }
    const seed = restored?.seed ?? settings.seed ?? randomInt(2 ** 31 - 1);
    const sim = restored?.sim ?? createSimulation(scenario, seed);
    const code = restored?.code ?? (await allocateCode(codesInUse));
    this.creatorPrint = fingerprint(options);
    this.log = matchLogger(this.deps.log, this.roomId, code);
    this.state = new MatchState();
    this.state.code = code;
    if (restored?.instructorKey) this.instructorKey = restored.instructorKey;
    this.matchId = restored?.matchId ?? this.roomId;
    const { instructorKey, matchId } = this;
    const scenarioId = settings.scenario;
    const recorder = recorders?.({ matchId, code, scenarioId, scenario, seed, settings, sim, instructorKey });
    this.recorder = recorder;
    // The hub fills a late view with the items the mirror already holds under its key.
    this.hub = new ViewHub((key) => mirror.itemsOf(key));
    const mirror = new StateMirror(this.state, this.hub, sync);
    try {
      const defaultPlans = scenarios.defaultPlans(settings.scenario);
      this.match = new Match(
        { scenarioId: settings.scenario, scenario, defaultPlans, settings, seed, sim, log: this.log },
        { bots, recorder, debriefKeepSec },
        {
          frame: (frame) => mirror.write(frame),
          phaseChanged: (phase) => {
            // A finished match stays open for late spectators until the debrief's keep-alive runs out.
            if (phase === "debrief") this.autoDispose = false;
            void this.publishListing();
          },
          feed: (key, entries) => this.occupancy.forKey(key, (client) => client.send("feed", { entries })),
          summary: (summary, final) => {
            this.lastSummary = { summary, final };
            for (const client of this.clients) this.sendSummary(client);
          },
          expired: () => void this.disconnect(),
        },
      );
    } catch (error) {
      reject(error instanceof Error ? error.message : String(error));
    }
    this.occupancy = new Occupancy(
      this.match,
      this.hub,
      this.clients,
      this.log,
      () => void this.publishListing(),
    );
    this.grace = new EmptyRoomGrace(this, this.deps.emptyGraceSec);
    if (restored) this.resumeRestored(restored, settings.autostart);
    this.desk = new OrderDesk(orderTarget(this.match, this.occupancy), (error) =>
      this.log.error({ err: error }, "order failed"),
    );
    this.maxClients = Object.values(scenario.seats).reduce((sum, n) => sum + n, 0);
    if (settings.private) await this.setPrivate(true);
    this.patchRate = TICK_MS;
    const ticks = new TickMeter(TICK_MS);
    this.setSimulationInterval(
      (elapsedMs) => ticks.run(() => this.match.tick(elapsedMs, this.deps.now())),
      TICK_MS,
    );
    this.onMessage("*", (client: MatchClient, type, message) => this.onOrder(client, type, message));
    this.log.info({ scenario: settings.scenario, seed, settings }, "match created");
    await this.publishListing();
  }

  /** A recorded match to continue, when the options ask for one (see server/store/recovery.ts). */
  private restoreFrom(options: unknown): RestoredMatch | undefined {
    if (!options || typeof options !== "object" || !("restore" in options)) return undefined;
    if (!this.deps.restore) reject("this server keeps no match history to restore from");
    try {
      return this.deps.restore(options);
    } catch (error) {
      reject(error instanceof Error ? error.message : String(error));
    }
  }

  /**
   * Pick a restored match up in its world's phase. A recovered one waits for its people: the room
   * stays open though empty for REJOIN_HOLD_SEC, and without autostart it comes back paused (as does a
   * branch) until the instructor resumes.
   */
  private resumeRestored(restored: RestoredMatch, autostart: boolean): void {
    this.match.resume(restored.replan);
    const recovering = restored.request.kind === "recover";
    if (!recovering || !autostart) this.match.setPaused(true);
    if (!recovering) return;
    this.autoDispose = false;
    this.clock.setTimeout(() => {
      this.autoDispose = true;
    }, REJOIN_HOLD_SEC * 1000);
    this.log.info({ at: restored.at }, "match recovered");
  }

  override onAuth(_client: MatchClient, options: unknown): JoinAuth {
    const parsed = parseJoinOptions(options);
    if (!parsed.ok) reject(parsed.message);
    const join = parsed.value;
    const creator = !this.creatorJoined && fingerprint(options) === this.creatorPrint;
    const { seats, perspectives } = this.match;
    const spectators = this.occupancy.spectatorCount();
    const admission = { creator, instructorKey: this.instructorKey, seats, perspectives, spectators };
    const problem = admissionProblem(join, admission);
    if (problem) reject(problem);
    return { join, creator };
  }

  override onJoin(client: MatchClient, _options: unknown, auth: JoinAuth): void {
    const { join, creator } = auth;
    let seatId = "spectator";
    if (join.seat !== "spectator") {
      const seat = this.match.seats.claim(join.seat, join.name);
      if (typeof seat === "string") reject(seat);
      seatId = seat.id;
      this.occupancy.seated(seatId, client.sessionId);
    }
    const view: ViewName = isPlayingRole(join.seat) ? join.seat : (join.view ?? "truth");
    const key = viewKey(view, join.seat === "spectator" && this.match.hasDelay);
    client.userData = {
      sender: { sessionId: client.sessionId, role: join.seat, seatId },
      key,
      guard: new FloodGuard(this.deps.rateLimit, this.deps.now()),
      kicked: false,
    };
    this.match.watch(key);
    client.view = this.hub.sharedView(key);
    if (creator) this.creatorJoined = true;
    this.grace.joined();
    const showKey = creator || join.seat === "instructor";
    client.send("welcome", {
      seatId,
      role: join.seat,
      view,
      matchId: this.matchId,
      ...(showKey ? { instructorKey: this.instructorKey } : {}),
    } satisfies ServerMessage<"welcome">);
    this.sendBacklog(client);
    this.log.info({ seatId, role: join.seat, name: join.name, view: key }, "joined");
    void this.publishListing();
  }

  override async onLeave(client: MatchClient, consented: boolean): Promise<void> {
    const occupant = client.userData;
    if (!occupant) return;
    const { seatId } = occupant.sender;
    this.log.info({ seatId, consented, kicked: occupant.kicked }, "left");
    if (!consented && !occupant.kicked) {
      this.match.seats.setConnected(seatId, false);
      const hold = this.allowReconnection(client, this.deps.reconnectHoldSec);
      this.occupancy.holdFor(seatId, hold);
      try {
        const back = (await hold) as MatchClient;
        this.grace.joined();
        this.match.seats.setConnected(seatId, true);
        this.sendBacklog(back);
        this.log.info({ seatId }, "reconnected");
        return;
      } catch {
        this.log.info({ seatId }, "reconnection hold ended");
      }
    }
    this.occupancy.vacate(client);
    this.grace.left();
  }

  override onDispose(): void {
    this.recorder?.close?.();
    this.log.info("match closed");
  }

  /** Colyseus routes lifecycle errors here: refusals we threw are routine, anything else is a bug. */
  override onUncaughtException(error: Error, method: string): void {
    const log = this.log ?? this.deps.log;
    const cause = error.cause ?? error;
    if (cause instanceof ServerError) log.info({ method, reason: cause.message }, "refused");
    else log.error({ err: cause, method }, "uncaught error in room");
  }

  private onOrder(client: MatchClient, type: unknown, message: unknown): void {
    const occupant = client.userData;
    if (!occupant) return;
    const verdict = this.desk.handle(occupant.sender, occupant.guard, this.deps.now(), type, message);
    if (verdict.reply) client.send("error", verdict.reply);
    if (verdict.disconnect) {
      this.log.warn({ seatId: occupant.sender.seatId }, "disconnected for flooding");
      occupant.kicked = true;
      client.leave(FLOOD_CLOSE_CODE, "too many messages");
    }
  }

  private sendBacklog(client: MatchClient): void {
    const key = client.userData?.key;
    if (!key) return;
    const entries = this.match.recentFeed(key);
    if (entries.length > 0) client.send("feed", { entries });
    this.sendSummary(client);
  }

  /** The latest summary, as the client's perspective may read it. */
  private sendSummary(client: MatchClient): void {
    const key = client.userData?.key;
    if (!key || !this.lastSummary) return;
    const { summary, final } = this.lastSummary;
    client.send("summary", summaryFor(perspectiveOf(key), summary, final));
  }

  /** Seats or phase changed: clients see it at once, and the listing follows. */
  private async publishListing(): Promise<void> {
    this.match.refresh(this.deps.now());
    this.recorder?.seats?.(
      this.match.seats.all().map((s) => ({ seatId: s.id, role: s.role, name: s.name, filledBy: s.filledBy })),
    );
    const metadata = listingOf(
      this.state.code,
      this.match,
      this.occupancy.spectatorCount(),
      this.createdAt,
      this.listing.private,
    );
    await this.setMetadata(metadata).catch((error: unknown) =>
      this.log.warn({ err: error }, "listing update failed"),
    );
  }
}

/** The room class to define, bound to this server's dependencies. */
export function matchRoomClass(deps: RoomDeps): new () => MatchRoom {
  return class BoundMatchRoom extends MatchRoom {
    protected readonly deps = deps;
  };
}
