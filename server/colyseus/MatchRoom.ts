import { randomInt } from "node:crypto";
import { type Client, ErrorCode, matchMaker, Room, ServerError } from "@colyseus/core";
import type { ServerMessage } from "../../shared/protocol.js";
import { MatchState } from "../../shared/wire/state.js";
import { createSimulation } from "../../sim/index.js";
import type { FaultLog } from "../faults.js";
import { type Logger, matchLogger } from "../log.js";
import { newKey, spectatorPolicy, type ViewPolicy } from "../match/access.js";
import { type Admitted, admit } from "../match/admission.js";
import { allocateCode } from "../match/codes.js";
import { Match } from "../match/match.js";
import { fingerprint, type JoinOptions, parseJoinOptions, parseMatchSettings } from "../match/options.js";
import { OrderDesk } from "../match/order-desk.js";
import { TICK_MS } from "../match/pacing.js";
import { FloodGuard, type RateLimitSettings } from "../match/ratelimit.js";
import type { MatchRecorder, RecorderFactory } from "../match/recorder.js";
import type { BotFactory } from "../match/scripted.js";
import { isPlayingRole, PLAYING_ROLES } from "../match/seats.js";
import { viewKey } from "../match/view-keys.js";
import { TickMeter } from "../ops/ticks.js";
import { type ScenarioSource, scenarioForMatch } from "../scenarios/source.js";
import type { RestoredMatch } from "../store/recovery.js";
import { DurableGate } from "./gate.js";
import { EmptyRoomGrace } from "./grace.js";
import { codesInUse, listingOf, type MatchMetadata } from "./metadata.js";
import { StateMirror } from "./mirror.js";
import { Occupancy, type Occupant } from "./occupancy.js";
import { orderTarget } from "./order-target.js";
import { ReturnWatch, welcomeBack } from "./restoration.js";
import { SideRelay } from "./side-relay.js";
import { SummaryOutlet } from "./summary-outlet.js";
import type { SyncOptions } from "./sync.js";
import { ViewHub } from "./view-hub.js";

/**
 * The Colyseus room `match`: a thin adapter between clients and a Match. It validates options, hands out
 * seats, views and credentials (the rules are in server/match/access.ts), routes every message through
 * the order desk, and relays state, feed and summaries once they are durable (server/colyseus/gate.ts).
 */
export interface RoomDeps {
  scenarios: ScenarioSource;
  log: Logger;
  faults: FaultLog;
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
  /** New matches this process runs at most (recovered ones always come back). */
  maxRooms: number;
  /** How long a match stays open once its last person has left. */
  emptyGraceSec: number;
  now: () => number;
}

interface JoinAuth {
  join: JoinOptions;
  creator: boolean;
  admitted: Admitted;
}

type MatchClient = Client<Occupant, JoinAuth>;

/** How long a match recovered after a restart waits for its people (their seats stay theirs). */
const REJOIN_HOLD_SEC = 600;
const LISTING_REFRESH_MS = 5000;
const FLOOD_CLOSE_CODE = 4029;
/** The match runs on another process now: clients reconnect with their tokens and find it there. */
const MOVED_CLOSE_CODE = 4010;
/** Message types Colyseus itself gives a meaning; a client sending one gets an error like any other. */
const RESERVED_TYPES = ["__no_message_handler"] as const;

function reject(message: string): never {
  throw new ServerError(ErrorCode.APPLICATION_ERROR, message);
}

export abstract class MatchRoom extends Room<MatchState, MatchMetadata, Occupant, JoinAuth> {
  protected abstract readonly deps: RoomDeps;
  private match!: Match;
  private desk!: OrderDesk;
  private log!: Logger;
  private faults!: FaultLog;
  private instructorKey = "";
  private spectatorKey = "";
  private policy!: ViewPolicy;
  /** The record's id: the room id (a recovered match comes back under its old room id). */
  private matchId = "";
  private recorder: MatchRecorder | undefined;
  private gate!: DurableGate;
  private readonly createdAt = new Date().toISOString();
  private creatorPrint = "";
  private creatorJoined = false;
  private readonly summaries = new SummaryOutlet(this.clients);
  private occupancy!: Occupancy;
  private grace!: EmptyRoomGrace;
  private hub!: ViewHub;
  /** A recovered match: who is back (it resumes by itself once all its players are). */
  private returned: ((seatId: string) => void) | undefined;

  override async onCreate(options: unknown): Promise<void> {
    const restored = this.restoreFrom(options);
    if (!restored && matchMaker.stats.local.roomCount >= this.deps.maxRooms) {
      reject(`this server runs as many matches as it may (${this.deps.maxRooms}): try again later`);
    }
    const parsed = parseMatchSettings(restored?.settings ?? options);
    if (!parsed.ok) reject(parsed.message);
    const creatorSeat = restored ? undefined : parseJoinOptions(options);
    if (creatorSeat && !creatorSeat.ok) reject(creatorSeat.message);
    const settings = parsed.value;
    const { scenarios, recorders, bots, sync, debriefKeepSec } = this.deps;
    const chosen = restored ? null : scenarioForMatch(scenarios, settings.scenario, settings.variants);
    if (chosen && !chosen.ok) reject(chosen.message);
    const scenario = restored?.scenario ?? chosen!.scenario;
    const seed = restored?.seed ?? settings.seed ?? randomInt(2 ** 31 - 1);
    const sim = restored?.sim ?? createSimulation(scenario, seed);
    const code = restored?.code ?? (await allocateCode(codesInUse));
    if (restored?.matchId) this.roomId = restored.matchId;
    this.matchId = this.roomId;
    this.creatorPrint = fingerprint(options);
    this.log = matchLogger(this.deps.log, this.roomId, code);
    this.faults = this.deps.faults.child({ matchId: this.roomId, code });
    this.state = new MatchState();
    this.state.code = code;
    this.instructorKey = restored?.instructorKey ?? newKey();
    this.spectatorKey = restored?.spectatorKey ?? newKey();
    this.policy = spectatorPolicy(
      settings,
      PLAYING_ROLES.filter((role) => scenario.seats[role] > 0),
    );
    const { instructorKey, spectatorKey, matchId } = this;
    const scenarioId = settings.scenario;
    const recorder = recorders?.({
      matchId,
      code,
      scenarioId,
      scenario,
      seed,
      settings,
      sim,
      instructorKey,
      spectatorKey,
    });
    this.recorder = recorder;
    recorder?.lost?.(() => this.handOver());
    this.gate = new DurableGate(
      () => recorder?.settled?.(),
      (error) => this.log.error({ err: error }, "a write did not become durable; nothing was shown"),
    );
    // The hub fills a late view with the items the mirror already holds under its key.
    this.hub = new ViewHub((key) => mirror.itemsOf(key), this.state);
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
          feed: (key, entries) =>
            this.gate.after(() => this.occupancy.forKey(key, (client) => client.send("feed", { entries }))),
          summary: (summary, final, delayed) =>
            this.gate.after(() => this.summaries.publish(summary, final, delayed)),
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
      this.policy,
      { identity: (i) => recorder?.identity?.(i), forget: (id) => recorder?.forget?.(id) },
      this.log,
      () => void this.publishListing(),
    );
    this.grace = new EmptyRoomGrace(this, this.deps.emptyGraceSec);
    if (restored) this.resumeRestored(restored, settings.autostart);
    const relay = new SideRelay(this.clients, this.match, this.deps.now, (post) =>
      recorder?.sidePost?.(post),
    );
    this.desk = new OrderDesk(orderTarget(this.match, this.occupancy, this.match.crews, relay), (error) =>
      this.log.error({ err: error }, "order failed"),
    );
    this.maxClients = Object.values(scenario.seats).reduce((sum, n) => sum + n, 0);
    if (settings.private) await this.setPrivate(true);
    // Patches go out after each tick, once what they show is durable (never on Colyseus's own timer).
    this.patchRate = 0;
    const ticks = new TickMeter(TICK_MS);
    this.setSimulationInterval((elapsedMs) => {
      ticks.run(() => this.match.tick(elapsedMs, this.deps.now()));
      this.gate.after(() => this.broadcastPatch());
    }, TICK_MS);
    this.onMessage("*", (client: MatchClient, ...args: unknown[]) =>
      // Colyseus calls this with (type, message), or with (message) alone when the type was "*" itself.
      args.length >= 2 ? this.onOrder(client, args[0], args[1]) : this.onOrder(client, "*", args[0]),
    );
    for (const type of RESERVED_TYPES)
      this.onMessage(type, (client: MatchClient, message: unknown) => this.onOrder(client, type, message));
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
   * Pick a restored match up in its world's phase, paused. A branch waits for its instructor. A
   * recovered match waits for its people: their seats stay theirs (token, rejoin code or instructor key)
   * for REJOIN_HOLD_SEC, the room stays open that long though empty, and an autostart match that was
   * running resumes by itself once everyone seated is back (at once when nobody was).
   */
  private resumeRestored(restored: RestoredMatch, autostart: boolean): void {
    this.match.resume(restored.replan);
    this.match.holdStill();
    if (restored.request.kind !== "recover") return;
    if (restored.controls) this.match.setTimeScale(restored.controls.timeScale);
    this.autoDispose = false;
    this.clock.setTimeout(() => {
      this.autoDispose = true;
    }, REJOIN_HOLD_SEC * 1000);
    // Taken over from a dead process: its listing may have been cleaned up after ours replaced it.
    this.clock.setTimeout(() => void this.publishListing(), LISTING_REFRESH_MS);
    const watch = new ReturnWatch(restored.identities, () => {
      // Back as it was: an autostart match that was running runs on; otherwise the instructor resumes.
      if (autostart && !restored.controls?.paused) this.match.setPaused(false);
    });
    this.returned = (seatId) => watch.back(seatId);
    welcomeBack(restored.identities, {
      match: this.match,
      occupancy: this.occupancy,
      hub: this.hub,
      guard: () => new FloodGuard(this.deps.rateLimit, this.deps.now()),
      allowReconnection: (ghost, seconds) => this.allowReconnection(ghost, seconds),
      awaitReturn: (ghost, hold, seatId) => this.awaitReturn(ghost, hold, seatId),
      holdSec: REJOIN_HOLD_SEC,
    });
    watch.start();
    this.log.info({ at: restored.at, waitingFor: watch.awaited }, "match recovered");
  }

  override onAuth(_client: MatchClient, options: unknown): JoinAuth {
    const parsed = parseJoinOptions(options);
    if (!parsed.ok) reject(parsed.message);
    const join = parsed.value;
    const creator = !this.creatorJoined && fingerprint(options) === this.creatorPrint;
    const { seats, perspectives } = this.match;
    const admitted = admit(join, {
      creator,
      instructorKey: this.instructorKey,
      spectatorKey: this.spectatorKey,
      policy: this.policy,
      seats,
      perspectives,
      spectators: this.occupancy.spectatorCount(),
      rejoinCodeOf: (seatId) => this.occupancy.rejoinCodeOf(seatId),
    });
    if (typeof admitted === "string") reject(admitted);
    return { join, creator, admitted };
  }

  override async onJoin(client: MatchClient, _options: unknown, auth: JoinAuth): Promise<void> {
    const { join, creator, admitted } = auth;
    const seatId = this.occupancy.seat(client.sessionId, join, admitted);
    if (seatId === undefined) reject("that seat was taken meanwhile: choose another");
    const spectator = admitted.kind === "spectator";
    const key = viewKey(admitted.view, spectator && this.match.hasDelay);
    client.userData = {
      sender: { sessionId: client.sessionId, role: join.seat, seatId },
      name: join.name,
      key,
      holdsSpectatorKey: spectator && admitted.holdsKey,
      guard: new FloodGuard(this.deps.rateLimit, this.deps.now()),
      kicked: false,
    };
    this.match.watch(key);
    client.view = this.hub.sharedView(key);
    if (creator) this.creatorJoined = true;
    this.grace.joined();
    const rejoinCode = isPlayingRole(join.seat) ? this.occupancy.rejoinCodeOf(seatId) : undefined;
    const instructor = join.seat === "instructor";
    client.send("welcome", {
      seatId,
      role: join.seat,
      view: admitted.view,
      matchId: this.matchId,
      ...(instructor ? { instructorKey: this.instructorKey, spectatorKey: this.spectatorKey } : {}),
      ...(rejoinCode ? { rejoinCode } : {}),
    } satisfies ServerMessage<"welcome">);
    this.sendBacklog(client);
    this.occupancy.record(client);
    if (admitted.kind === "rejoin") this.returned?.(seatId);
    this.log.info({ seatId, role: join.seat, name: join.name, view: key, how: admitted.kind }, "joined");
    void this.publishListing();
    // The reconnection token the client is about to receive is durable before it has it.
    await this.recorder?.settled?.();
  }

  override async onLeave(client: MatchClient, consented: boolean): Promise<void> {
    const occupant = client.userData;
    if (!occupant) return;
    const { seatId } = occupant.sender;
    this.log.info({ seatId, consented, kicked: occupant.kicked }, "left");
    if (!consented && !occupant.kicked) {
      this.match.seats.setConnected(seatId, false);
      const hold = this.allowReconnection(client, this.deps.reconnectHoldSec);
      if (await this.awaitReturn(client, hold, seatId)) return;
    }
    this.occupancy.vacate(client);
    this.grace.left();
  }

  /** Wait for a dropped client (or one of a recovered match) to come back with its token. */
  private async awaitReturn(previous: Client, hold: ReturnType<Room["allowReconnection"]>, seatId: string) {
    this.occupancy.holdFor(seatId, hold);
    try {
      const back = (await hold) as MatchClient;
      this.grace.joined();
      this.match.seats.setConnected(seatId, true);
      this.sendBacklog(back);
      this.occupancy.record(back);
      this.returned?.(seatId);
      this.log.info({ seatId }, "reconnected");
      void this.publishListing();
      return true;
    } catch {
      this.log.info({ seatId, sessionId: previous.sessionId }, "reconnection hold ended");
      return false;
    }
  }

  /** Another process took the match over (scale-out): its clients go there. */
  private handOver(): void {
    this.log.warn("another process runs this match now; its clients reconnect there");
    void this.disconnect(MOVED_CLOSE_CODE);
  }

  override onDispose(): void {
    this.recorder?.close?.();
    this.log.info("match closed");
  }

  /** Colyseus routes lifecycle errors here: refusals we threw are a client's business, the rest a bug. */
  override onUncaughtException(error: Error, method: string): void {
    const cause = error.cause ?? error;
    if (cause instanceof ServerError) {
      (this.faults ?? this.deps.faults).fault("refused", { method, reason: cause.message }, "refused");
    } else (this.log ?? this.deps.log).error({ err: cause, method }, "uncaught error in room");
  }

  private onOrder(client: MatchClient, type: unknown, message: unknown): void {
    const occupant = client.userData;
    if (!occupant) return;
    const verdict = this.desk.handle(occupant.sender, occupant.guard, this.deps.now(), type, message);
    if (verdict.reply) client.send("error", verdict.reply);
    if (verdict.disconnect) {
      this.faults.fault("flood", { seatId: occupant.sender.seatId }, "disconnected for flooding");
      occupant.kicked = true;
      client.leave(FLOOD_CLOSE_CODE, "too many messages");
    }
  }

  private sendBacklog(client: MatchClient): void {
    const key = client.userData?.key;
    if (!key) return;
    const entries = this.match.recentFeed(key);
    if (entries.length > 0) client.send("feed", { entries });
    this.summaries.sendLatest(client);
  }

  /** Seats or phase changed: clients see it at once, and the listing follows. */
  private async publishListing(): Promise<void> {
    this.match.refresh(this.deps.now());
    this.recorder?.seats?.(this.match.seats.records());
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
