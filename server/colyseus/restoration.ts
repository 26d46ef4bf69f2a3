import type { Client, Deferred } from "@colyseus/core";
import type { Match } from "../match/match.js";
import type { FloodGuard } from "../match/ratelimit.js";
import type { Identity } from "../match/recorder.js";
import type { Occupancy, Occupant } from "./occupancy.js";
import type { ViewHub } from "./view-hub.js";

/**
 * Everyone who was connected to a recovered match gets their place back. Each person's seat is held for
 * them, and the room waits for their client as Colyseus waits for any dropped one (`allowReconnection`)
 * under the session id and reconnection token recorded before the restart: colyseus.js clients that
 * retry `client.reconnect(token)` (client/net/session.ts does) continue without a new join code, and a
 * player on another device takes the seat back with its rejoin code. Strangers find the seats taken.
 */
export interface Welcome {
  match: Match;
  occupancy: Occupancy;
  hub: ViewHub;
  guard(): FloodGuard;
  allowReconnection(ghost: Client, seconds: number): Deferred<Client>;
  awaitReturn(ghost: Client, hold: Deferred<Client>, seatId: string): Promise<boolean>;
  /** How long each place is kept. */
  holdSec: number;
}

/**
 * A recovered match waits for the people who were seated in it: `resume` runs once every one of them is
 * back (at once when nobody was seated).
 */
export class ReturnWatch {
  readonly awaited: Set<string>;
  private done = false;

  constructor(
    identities: readonly Identity[],
    private readonly resume: () => void,
  ) {
    this.awaited = new Set(identities.filter((i) => i.seatId !== "spectator").map((i) => i.seatId));
  }

  /** Everyone is welcomed back: resume now if nobody is awaited. */
  start(): void {
    this.back("");
  }

  back(seatId: string): void {
    this.awaited.delete(seatId);
    if (this.done || this.awaited.size > 0) return;
    this.done = true;
    this.resume();
  }
}

export function welcomeBack(identities: readonly Identity[], room: Welcome): void {
  for (const identity of identities) {
    const { sessionId, seatId, name, viewKey } = identity;
    if (seatId !== "spectator") {
      room.match.seats.hold(seatId, name, identity.crewRole ?? "");
      room.occupancy.seated(seatId, sessionId, identity.rejoinCode ?? "");
    }
    room.match.watch(viewKey);
    const occupant: Occupant = {
      sender: { sessionId, role: identity.role, seatId },
      name,
      key: viewKey,
      holdsSpectatorKey: identity.spectatorKey,
      guard: room.guard(),
      kicked: false,
    };
    const ghost = ghostClient(identity, occupant, room.hub);
    const hold = room.allowReconnection(ghost, room.holdSec);
    void room.awaitReturn(ghost, hold, seatId).then((back) => {
      if (!back) room.occupancy.vacate(ghost);
    });
  }
}

/**
 * The client as it was before the restart: what Colyseus reads of a dropped client to let it back in
 * (session id, token) and hands to the returning one (its occupant and its view).
 */
function ghostClient(identity: Identity, occupant: Occupant, hub: ViewHub): Client<Occupant> {
  return {
    sessionId: identity.sessionId,
    reconnectionToken: identity.token,
    userData: occupant,
    view: hub.sharedView(identity.viewKey),
  } as unknown as Client<Occupant>;
}
