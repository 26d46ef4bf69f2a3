import type { Client, ClientArray, Deferred } from "@colyseus/core";
import { OK, type Outcome, refusal } from "../../shared/commands.js";
import { assertNever } from "../../shared/never.js";
import type { SeatFill, ViewName } from "../../shared/protocol.js";
import type { Logger } from "../log.js";
import { newRejoinCode, spectatorRefusal, type ViewPolicy } from "../match/access.js";
import type { Admitted } from "../match/admission.js";
import type { Match } from "../match/match.js";
import type { JoinOptions } from "../match/options.js";
import type { Sender } from "../match/order-desk.js";
import type { FloodGuard } from "../match/ratelimit.js";
import type { Identity } from "../match/recorder.js";
import { type ViewKey, viewKey } from "../match/view-keys.js";
import type { ViewHub } from "./view-hub.js";

/**
 * Who is connected where: which client holds which seat (and which seats wait for a dropped player),
 * each seat's rejoin code, which perspective each client follows, and the instructor's seat and view
 * changes that move people. Every change to who someone is (seat, view, token) is reported through
 * `identities`, so a restarted server can give everyone their place back.
 */
export interface Occupant {
  sender: Sender;
  name: string;
  key: ViewKey;
  /** A spectator holding the spectator key (the policy's "key" views are open to them). */
  holdsSpectatorKey: boolean;
  guard: FloodGuard;
  /** Removed on purpose (kick, flooding): no reconnection hold. */
  kicked: boolean;
}

export type OccupantClient = Client<Occupant>;

/** Where changes of identity are recorded (the match's recorder). */
export interface IdentityLog {
  identity(identity: Identity): void;
  forget(sessionId: string): void;
}

const KICKED_CLOSE_CODE = 4003;

export class Occupancy {
  private readonly owners = new Map<string, string>();
  private readonly holds = new Map<string, Deferred<Client>>();
  private readonly rejoinCodes = new Map<string, string>();

  constructor(
    private readonly match: Match,
    private readonly hub: ViewHub,
    private readonly clients: ClientArray<Occupant>,
    private readonly policy: ViewPolicy,
    private readonly identities: IdentityLog,
    private readonly log: Logger,
    /** Seats changed: the room republishes its listing. */
    private readonly changed: () => void,
  ) {}

  /**
   * The seat an admitted join takes: a new one (with a fresh rejoin code), or a held one taken back;
   * "spectator" for spectators; undefined when the seat went to someone else meanwhile.
   */
  seat(sessionId: string, join: JoinOptions, admitted: Admitted): string | undefined {
    switch (admitted.kind) {
      case "spectator":
        return "spectator";
      case "seat": {
        if (join.seat === "spectator") return undefined;
        const crewRole = this.match.seats.crewRoleFor(join.seat, join.role);
        if (typeof crewRole !== "string") return undefined;
        const seat = this.match.seats.claim(join.seat, join.name, crewRole);
        if (typeof seat === "string") return undefined;
        this.seated(seat.id, sessionId, newRejoinCode());
        return seat.id;
      }
      case "rejoin":
        this.match.seats.takeBack(admitted.seatId, join.name);
        this.reclaim(admitted.seatId, sessionId);
        return admitted.seatId;
      default:
        return assertNever(admitted, "admission");
    }
  }

  seated(seatId: string, sessionId: string, rejoinCode: string): void {
    this.owners.set(seatId, sessionId);
    this.rejoinCodes.set(seatId, rejoinCode);
  }

  rejoinCodeOf(seatId: string): string | undefined {
    return this.rejoinCodes.get(seatId);
  }

  /** A held seat goes to the newcomer who brought its code: the old connection's hold ends. */
  reclaim(seatId: string, sessionId: string): void {
    this.owners.set(seatId, sessionId);
    this.holds.get(seatId)?.reject(new Error("rejoined from another connection"));
    this.match.seats.setConnected(seatId, true);
  }

  /** A dropped player's seat waits for them until the hold resolves or is rejected. */
  holdFor(seatId: string, hold: Deferred<Client>): void {
    if (!this.match.seats.get(seatId)) return; // spectators hold no seat
    // A disposing room answers with a plain rejected promise, not a hold.
    if (typeof hold.reject !== "function") return;
    this.holds.set(seatId, hold);
    hold.promise.finally(() => this.holds.delete(seatId)).catch(() => {});
  }

  /** Record who a client is now (joined, reconnected with a new token, or changed view). */
  record(client: OccupantClient): void {
    const occupant = client.userData;
    if (!occupant) return;
    const { sessionId, seatId, role } = occupant.sender;
    const rejoinCode = this.rejoinCodes.get(seatId);
    const crewRole = this.match.seats.get(seatId)?.crewRole;
    this.identities.identity({
      sessionId,
      token: client.reconnectionToken,
      seatId,
      role,
      name: occupant.name,
      viewKey: occupant.key,
      spectatorKey: occupant.holdsSpectatorKey,
      ...(rejoinCode === undefined ? {} : { rejoinCode }),
      ...(crewRole ? { crewRole } : {}),
    });
  }

  /** Open a seat: disconnect the person in it (or end their reconnection hold), or stop its script. */
  kick(seatId: string): Outcome {
    const seat = this.match.seats.get(seatId);
    if (!seat) return refusal("not_allowed", `no seat '${seatId}'`, "seatId");
    if (seat.filledBy === "") return refusal("not_allowed", `seat '${seatId}' is empty`, "seatId");
    if (seat.filledBy !== "human") return this.match.assignSeat(seatId, "human");
    this.dismiss(seatId);
    this.match.seats.release(seatId);
    this.changed();
    return OK;
  }

  /** Hand a seat to a scripted player (or open it); whoever sat there is sent away. */
  assignSeat(seatId: string, fill: SeatFill, crewRole?: string): Outcome {
    const personInSeat = this.match.seats.get(seatId)?.filledBy === "human";
    const outcome = this.match.assignSeat(seatId, fill, crewRole);
    if (outcome.ok && personInSeat) this.dismiss(seatId);
    this.changed();
    return outcome;
  }

  /** Move a person to another crew role of their side; their seat, its rejoin code and the side's work stay. */
  assignRole(seatId: string, roleId: string): Outcome {
    const outcome = this.match.seats.reassign(seatId, roleId);
    if (!outcome.ok) return outcome;
    const sessionId = this.owners.get(seatId);
    const client = sessionId ? this.clients.getById(sessionId) : undefined;
    if (client) this.record(client);
    this.changed();
    return OK;
  }

  /** Show a client another perspective: the instructor any, a spectator what the policy allows. */
  setView(sender: Sender, view: ViewName): Outcome {
    const client = this.clients.getById(sender.sessionId);
    const occupant = client?.userData;
    if (!client?.view || !occupant) return refusal("internal", "no such client");
    if (!this.match.perspectives.includes(view))
      return refusal("not_allowed", `this scenario has no ${view} view`, "view");
    const spectator = sender.role === "spectator";
    const refused = spectator ? spectatorRefusal(this.policy, view, occupant.holdsSpectatorKey) : undefined;
    if (refused) return refusal("not_allowed", refused, "view");
    const key = viewKey(view, spectator && this.match.hasDelay);
    if (key === occupant.key) return OK;
    client.view = this.hub.switchView(client.view, occupant.key, key);
    occupant.key = key;
    this.match.watch(key);
    client.send("feed", { entries: this.match.recentFeed(key) });
    this.record(client);
    return OK;
  }

  /** A client has left for good: open its seat, unless someone (or something) else has it by now. */
  vacate(client: OccupantClient): void {
    const occupant = client.userData;
    if (!occupant) return;
    const { seatId, sessionId } = occupant.sender;
    if (this.owners.get(seatId) === sessionId) {
      this.owners.delete(seatId);
      this.rejoinCodes.delete(seatId);
      this.match.seats.release(seatId);
    }
    if (client.view) this.hub.release(client.view);
    this.identities.forget(sessionId);
    this.changed();
  }

  forKey(key: ViewKey, send: (client: OccupantClient) => void): void {
    for (const client of this.clients) if (client.userData?.key === key) send(client);
  }

  spectatorCount(): number {
    return this.clients.filter((client) => client.userData?.sender.role === "spectator").length;
  }

  /** Send the person holding a seat away (the seat itself is the caller's business). */
  private dismiss(seatId: string): void {
    const sessionId = this.owners.get(seatId);
    const client = sessionId ? this.clients.getById(sessionId) : undefined;
    if (client?.userData) {
      client.userData.kicked = true;
      client.leave(KICKED_CLOSE_CODE, "removed by the instructor");
    }
    this.holds.get(seatId)?.reject(new Error("dismissed"));
    this.owners.delete(seatId);
    this.rejoinCodes.delete(seatId);
    this.log.info({ seatId }, "dismissed");
  }
}
