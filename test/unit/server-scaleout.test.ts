import { describe, expect, it } from "vitest";
import { type Placement, placeRoom } from "../../server/scaleout.js";

/** Where a room is created when several processes share Redis (server/scaleout.ts). */
function placement(records: { here?: string[]; peers?: Record<string, string> } = {}): Placement {
  return {
    ownProcessId: "self",
    holdsLocally: (matchId) => records.here?.includes(matchId) ?? false,
    holderOf: async (matchId) => records.peers?.[matchId],
    leastLoaded: async () => "idle",
  };
}

describe("placeRoom", () => {
  it("puts a new match on the least loaded process", async () => {
    expect(await placeRoom({ scenario: "training-range", seat: "spectator" }, placement())).toBe("idle");
    expect(await placeRoom(undefined, placement())).toBe("idle");
    expect(await placeRoom({ restore: "nonsense" }, placement())).toBe("idle");
  });

  it("recovers a match on the process that recorded it (the one restarting), never elsewhere", async () => {
    const options = { restore: { kind: "recover", matchId: "m1" } };
    expect(await placeRoom(options, placement({ peers: { m1: "other" } }))).toBe("self");
  });

  it("branches a match on whichever process holds its record", async () => {
    const branch = (matchId: string) => ({
      restore: { kind: "branch", matchId, at: { round: 1, phase: "live", t: 0 } },
    });
    expect(await placeRoom(branch("mine"), placement({ here: ["mine"], peers: { mine: "other" } }))).toBe(
      "self",
    );
    expect(await placeRoom(branch("theirs"), placement({ here: ["mine"], peers: { theirs: "other" } }))).toBe(
      "other",
    );
    // Nobody holds it: created here, where the room refuses it with "no recorded match".
    expect(await placeRoom(branch("lost"), placement())).toBe("self");
  });
});
