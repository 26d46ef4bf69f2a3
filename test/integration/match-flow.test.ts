import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectWholeMatch, FAST_MATCH, sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * A whole match on a real server: two scripted seats play training-range from the lobby to the
 * debrief while spectators watch, one of them joining in the middle of the night.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe("a scripted training-range match", () => {
  it("runs from lobby to debrief, and a spectator joining mid-match gets the current state", async () => {
    const watcher = await TestClient.create(server.client(), {
      ...FAST_MATCH,
      seats: { attacker: "plan", defender: "plan" },
      seat: "spectator",
      name: "Watcher",
    });
    const phases: string[] = [];
    watcher.room.onStateChange((state) => {
      if (phases.at(-1) !== state.phase) phases.push(state.phase);
    });
    await watcher.waitFor(() => watcher.welcome !== undefined, "welcome");
    expect(watcher.welcome).toMatchObject({ seatId: "spectator", role: "spectator", view: "truth" });
    expect(watcher.welcome?.instructorKey, "a creator who watches is not the instructor").toBeUndefined();
    expect(watcher.state.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(watcher.state.scenario).toBe("training-range");
    expect(watcher.state.seats.get("attacker-1")?.filledBy).toBe("plan");
    expect(watcher.state.seats.get("defender-1")?.filledBy).toBe("plan");

    await watcher.waitFor(
      () => watcher.state.phase === "live" && watcher.state.tracks.size > 0,
      "threats in the air",
    );
    const late = await TestClient.join(server.client(), watcher.room.roomId, {
      seat: "spectator",
      name: "Late",
    });
    await late.waitFor(() => late.feed.length > 0, "the feed backlog");
    // The late spectator's first decoded state is the present, not the start of the match.
    expect(late.state.phase).toBe("live");
    expect(late.state.clock).toBeGreaterThan(0);
    expect(late.state.tracks.size).toBeGreaterThan(0);
    expect(late.state.units.size).toBeGreaterThan(0);
    expect(late.state.units.size).toBe(watcher.state.units.size);
    expect(late.state.assets.size).toBe(watcher.state.assets.size);
    expect(late.feed.some((entry) => entry.kind === "unit-deployed")).toBe(true);

    await watcher.waitFor(() => watcher.state.phase === "debrief", "the debrief", 60_000);
    expectWholeMatch(phases);
    expect(watcher.state.winner).not.toBe("");
    const finals = watcher.summaries.filter((s) => s.final);
    expect(finals).toHaveLength(1);
    expect(finals[0].summary).toMatchObject({ scenario: "training-range", rounds: 1 });
    expect(watcher.summaries.filter((s) => !s.final)).toHaveLength(1);
    expect(watcher.score.threats_launched).toBe(finals[0].summary.threats_launched);

    // The finished match stays open: a spectator arriving now gets the final summary.
    const afterwards = await TestClient.join(server.client(), watcher.room.roomId, {
      seat: "spectator",
      name: "After",
    });
    await afterwards.waitFor(() => afterwards.summaries.some((s) => s.final), "the final summary");
    expect(afterwards.state.phase).toBe("debrief");
    const listing = await (await fetch(`${server.httpUrl}/api/matches/${watcher.state.code}`)).json();
    expect(listing).toMatchObject({ phase: "debrief", scenario: "training-range", round: 1 });
    await Promise.all([watcher.leave(), late.leave(), afterwards.leave()]);

    // Even with nobody left in it, the finished match waits a while for latecomers.
    await sleep(1500);
    const stillThere = await fetch(`${server.httpUrl}/api/matches/${watcher.state.code}`);
    expect(stillThere.status).toBe(200);
    const latecomer = await TestClient.join(server.client(), watcher.room.roomId, {
      seat: "spectator",
      name: "Z",
    });
    await latecomer.waitFor(() => latecomer.summaries.some((s) => s.final), "the final summary");
    await latecomer.leave();
  });

  it("serves a delayed spectator the past, never the present", async () => {
    const live = await TestClient.create(server.client(), {
      ...FAST_MATCH,
      pacing: { mode: "realtime", timeScale: 60 },
      spectatorDelaySec: 2,
      seats: { attacker: "plan", defender: "plan" },
      seat: "instructor",
      name: "White cell",
    });
    const delayed = await TestClient.join(server.client(), live.room.roomId, {
      seat: "spectator",
      name: "Screen",
    });
    const firstSeen = (client: TestClient) => {
      const seen = new Map<string, number>();
      client.room.onStateChange((state) => {
        for (const track of state.tracks.values()) if (!seen.has(track.id)) seen.set(track.id, Date.now());
      });
      return seen;
    };
    const liveSeen = firstSeen(live);
    const delayedSeen = firstSeen(delayed);
    await delayed.waitFor(() => delayedSeen.size >= 5, "several delayed tracks");
    await sleep(1000);
    // The instructor is never delayed; the spectator's items come from the delayed perspective.
    expect(live.keys("tracks").every((key) => key.startsWith("t:"))).toBe(true);
    expect(delayed.keys("tracks").every((key) => key.startsWith("xt:"))).toBe(true);
    expect(delayed.keys("units").every((key) => key.startsWith("xt:"))).toBe(true);
    // Every track reached the screen about two seconds after the live view had it.
    for (const [id, at] of delayedSeen) {
      const liveAt = liveSeen.get(id);
      expect(liveAt, `track ${id} seen live first`).toBeDefined();
      expect(at - (liveAt ?? at), `delay of track ${id}`).toBeGreaterThanOrEqual(1500);
    }
    // Status, clock and public figures come from the same past: tracks extrapolated to the live clock
    // would show the present again. Players and the white cell get no delayed picture at all.
    expect(live.keys("delayed")).toEqual([]);
    expect(delayed.keys("delayed")).toEqual(["xt:picture"]);
    const picture = delayed.state.delayed.get("xt:picture");
    // Two seconds of delay at ×60 are 120 simulated seconds; frames are kept every half second.
    expect(live.state.clock - (picture?.clock ?? 0)).toBeGreaterThanOrEqual(60);
    expect(live.state.clock - (picture?.clock ?? 0)).toBeLessThanOrEqual(360);
    expect(picture).toMatchObject({ phase: "live", round: 1, timeScale: 60, paused: false });
    expect(picture?.assets.size).toBe(live.state.assets.size);
    // The match's fields of the present never reach the delayed screen: they keep their defaults.
    expect(delayed.state).toMatchObject({ phase: "lobby", round: 0, clock: 0, escalation: 0, winner: "" });
    expect(delayed.state.assets.size).toBe(0);
    expect(delayed.keys("scores")).toEqual(["xt:score"]);
    expect(live.keys("scores")).toEqual(["t:score"]);
    expect(delayed.score.threats_launched).toBeLessThanOrEqual(live.score.threats_launched);

    // The round's summary reaches the delayed screen one delay after the live one.
    const arrivals = (client: TestClient) => {
      const at: number[] = [];
      client.room.onMessage("summary", () => at.push(Date.now()));
      return at;
    };
    const [liveAt, delayedAt] = [arrivals(live), arrivals(delayed)];
    await live.waitFor(() => liveAt.length > 0, "the round summary", 60_000);
    expect(delayedAt).toEqual([]);
    await delayed.waitFor(() => delayedAt.length > 0, "the delayed round summary", 10_000);
    expect(delayedAt[0] - liveAt[0]).toBeGreaterThanOrEqual(1500);
    await Promise.all([live.leave(), delayed.leave()]);
  });
});
