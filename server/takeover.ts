import type { Logger } from "./log.js";
import type { Claim, CreateRoom, History } from "./store/history.js";
import { opsOfRecord } from "./store/record-ops.js";
import type { RedisReplica } from "./store/replica.js";

/**
 * Matches outlive their process (docs/scale-out.md). Every process watches the running matches Redis
 * holds: one whose owner is no longer a live process is claimed by the first process to see it (an
 * atomic compare-and-set on its owner), which writes the match's record from Redis into its own history
 * file and recovers it there like after a restart: paused at the last moment Redis holds, under the same
 * room id and join code, each person's place kept for their reconnection token or rejoin code.
 */
export class Takeover {
  /** Matches being taken over by this process right now. */
  private readonly busy = new Set<string>();

  constructor(
    private readonly replica: RedisReplica,
    private readonly history: History,
    private readonly createRoom: CreateRoom,
    private readonly log: Logger,
  ) {}

  /** After a health check: take over every match whose owner is not among the `live` processes. */
  async sweep(live: ReadonlySet<string>): Promise<void> {
    const owners = await this.replica.owners();
    for (const [matchId, owner] of Object.entries(owners)) {
      if (live.has(owner) || this.busy.has(matchId)) continue;
      if (!(await this.replica.claim(matchId, owner))) continue; // another process was first
      await this.adopt(matchId, owner);
    }
  }

  /**
   * At start, for each running match of this process's own file: recover it when nobody runs it (its
   * record comes from Redis, which holds every acknowledged order), let the local copy go when another
   * process took it over or it has ended elsewhere, and give Redis the record when Redis lost it.
   */
  claimLocal(live: () => Promise<ReadonlySet<string>>): Claim {
    return async (matchId) => {
      if (await this.replica.hasEnded(matchId)) return "drop";
      const owner = (await this.replica.owners())[matchId];
      if (owner === undefined) {
        await this.replica.seed(matchId, opsOfRecord(this.history.db, matchId));
        return "recover";
      }
      if ((await live()).has(owner) || !(await this.replica.claim(matchId, owner))) return "drop";
      const ops = await this.replica.load(matchId);
      if (ops[0]?.kind === "begin") this.history.recorder.importRecord(matchId, ops);
      return "recover";
    };
  }

  private async adopt(matchId: string, from: string): Promise<void> {
    this.busy.add(matchId);
    try {
      const ops = await this.replica.load(matchId);
      if (ops[0]?.kind !== "begin") {
        this.log.error({ matchId, from }, "takeover: Redis holds no whole record of the match");
        return;
      }
      this.history.recorder.importRecord(matchId, ops);
      const outcome = await this.history.recoverOne(matchId, this.createRoom);
      this.log.info({ matchId, from, ok: outcome.ok, error: outcome.error }, "takeover: match taken over");
    } finally {
      this.busy.delete(matchId);
    }
  }
}
