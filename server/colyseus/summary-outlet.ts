import type { Client } from "@colyseus/core";
import type { MatchSummary } from "../../sim/api.js";
import { summaryFor } from "../match/summaries.js";
import { isDelayedKey, perspectiveOf } from "../match/view-keys.js";
import type { Occupant } from "./occupancy.js";

/**
 * The round and final summaries: each as its perspective may read it (server/match/summaries.ts), to the
 * live audiences at once and to the delayed ones one delay later, and the latest one of each kind to
 * whoever joins or comes back.
 */
export class SummaryOutlet {
  private readonly latest = new Map<boolean, { summary: MatchSummary; final: boolean }>();

  constructor(private readonly clients: Iterable<Client<Occupant>>) {}

  /** A summary for the live audiences, or (`delayed`) for the delayed ones. */
  publish(summary: MatchSummary, final: boolean, delayed: boolean): void {
    this.latest.set(delayed, { summary, final });
    for (const client of this.clients) if (delayedClient(client) === delayed) this.sendLatest(client);
  }

  /** The latest summary this client's audience has had. */
  sendLatest(client: Client<Occupant>): void {
    const key = client.userData?.key;
    const latest = this.latest.get(delayedClient(client));
    if (!key || !latest) return;
    client.send("summary", summaryFor(perspectiveOf(key), latest.summary, latest.final));
  }
}

function delayedClient(client: Client<Occupant>): boolean {
  const key = client.userData?.key;
  return key !== undefined && isDelayedKey(key);
}
