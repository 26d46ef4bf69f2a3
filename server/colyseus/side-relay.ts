import type { ClientArray } from "@colyseus/core";
import { OK, type Outcome, refusal } from "../../shared/commands.js";
import type { ClientMessage } from "../../shared/protocol.js";
import type { ChatPost, SidePost } from "../../shared/side-channel.js";
import type { Match } from "../match/match.js";
import type { Sender } from "../match/order-desk.js";
import { FloodGuard, type RateLimitSettings } from "../match/ratelimit.js";
import { type Audience, hears, mayWrite } from "../match/side-channel.js";
import type { Occupant, OccupantClient } from "./occupancy.js";

/**
 * Delivers side-channel chat and markers (server/match/side-channel.ts decides who hears what) and
 * hands each post to the match history. Besides the flood control every message passes, each client
 * may post only a few messages a second.
 */
export const SIDE_CHANNEL_RATE: RateLimitSettings = {
  perSec: 2,
  burst: 6,
  disconnectAfterSec: Number.POSITIVE_INFINITY,
  disconnectBurst: Number.POSITIVE_INFINITY,
};

export class SideRelay {
  private readonly guards = new WeakMap<OccupantClient, FloodGuard>();

  constructor(
    private readonly clients: ClientArray<Occupant>,
    private readonly match: Match,
    private readonly now: () => number,
    private readonly recorded: (post: SidePost) => void,
  ) {}

  chat(sender: Sender, message: ClientMessage<"chat">): Outcome {
    const allowed = mayWrite(sender.role, message.channel);
    if (!allowed.ok) return allowed;
    return this.post(sender, message.channel, (head) => ({
      kind: "chat",
      post: { ...head, channel: message.channel, text: message.text },
    }));
  }

  marker(sender: Sender, message: ClientMessage<"marker">): Outcome {
    return this.post(sender, "side", (head) => ({
      kind: "marker",
      post: { ...head, at: message.at, label: message.label },
    }));
  }

  private post(
    sender: Sender,
    channel: Audience["channel"],
    make: (head: Omit<ChatPost, "channel" | "text">) => SidePost,
  ): Outcome {
    const client = this.clients.getById(sender.sessionId);
    const occupant = client?.userData;
    if (!client || !occupant) return refusal("internal", "no such client");
    if (!this.mayPost(client))
      return refusal("rate_limited", "too many chat messages and markers: slow down");
    const crewRole = this.match.seats.get(sender.seatId)?.crewRole ?? "";
    const side = sender.role === "instructor" ? "" : sender.role;
    const { round, clock } = this.match.status;
    const posted = make({ from: occupant.name, role: crewRole || sender.role, side, round, t: clock });
    const audience: Audience = { side, crewRole, channel };
    for (const listener of this.clients) {
      const them = listener.userData;
      if (!them) continue;
      const crew = this.match.seats.get(them.sender.seatId)?.crewRole ?? "";
      if (hears({ role: them.sender.role, crewRole: crew, key: them.key }, audience))
        listener.send(posted.kind, posted.post);
    }
    this.recorded(posted);
    return OK;
  }

  private mayPost(client: OccupantClient): boolean {
    let guard = this.guards.get(client);
    if (!guard) {
      guard = new FloodGuard(SIDE_CHANNEL_RATE, this.now());
      this.guards.set(client, guard);
    }
    return guard.take(this.now()) === "ok";
  }
}
