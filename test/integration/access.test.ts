import { join } from "node:path";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchListing } from "../../shared/history.js";
import type { CreateMatchOptions } from "../../shared/protocol.js";
import { MatchState } from "../../shared/wire/state.js";
import { tempDir } from "../unit/store/helpers.js";
import { TestClient } from "./helpers.js";
import { type InProcessServer, planMatch, startInProcess, until } from "./history-harness.js";

/**
 * Who may read and do what (server/match/access.ts), tried as a student would: a match's record while
 * it runs, a private match's after it ends, branching a running match, spectating a match people play
 * (second tab, no key), switching views, and a creator who plays a seat asking for the instructor's key.
 */
describe("access to matches and their records", () => {
  const tmp = tempDir("skyshield-access-");
  let server: InProcessServer;
  const ws = () => new Client(server.url.replace("http", "ws"));

  beforeAll(async () => {
    server = await startInProcess(join(tmp.dir, "history.db"));
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  const get = (path: string, key?: string) =>
    fetch(server.url + path, { headers: key ? { "x-skyshield-key": key } : {} });

  async function instructed(options: CreateMatchOptions): Promise<{ white: TestClient; key: string }> {
    const white = await TestClient.create(ws(), { ...options, seat: "instructor", name: "White" });
    await white.waitFor(() => white.welcome !== undefined && white.state.code !== "", "the welcome");
    return { white, key: white.welcome?.instructorKey ?? "" };
  }

  const RECORD_ROUTES = [
    "",
    "/export.json",
    "/events.csv",
    "/layers.csv",
    "/aar",
    "/scenario",
    "/snapshots/0",
  ];

  it("serves a running match's record, events, snapshots and exports to its instructor only, never cached publicly", async () => {
    const { white, key } = await instructed(planMatch(11, 60));
    await white.waitFor(() => white.state.phase === "live", "the night");
    const base = `/api/history/${white.welcome?.matchId}`;
    for (const route of RECORD_ROUTES) {
      const refused = await get(base + route);
      expect(refused.status, `${route || "/"} without the key`).toBe(403);
      expect(await refused.json()).toMatchObject({ error: "not_allowed", message: /still running/ });
      expect((await get(base + route, "not-the-key")).status).toBe(403);
    }
    for (const route of ["", "/export.json", "/snapshots/0"]) {
      const served = await get(base + route, key);
      expect(served.status, `${route || "/"} with the key`).toBe(200);
      expect(served.headers.get("cache-control") ?? "private").not.toMatch(/public/);
    }
    // A download link cannot carry a header: the key may come in the query instead.
    expect((await get(`${base}/export.json?key=${encodeURIComponent(key)}`)).status).toBe(200);
    // Listed (it is public), but the list says nothing the record does not show to strangers.
    const list = (await (await get("/api/history")).json()) as MatchListing[];
    expect(list.map((m) => m.id)).toContain(white.welcome?.matchId);
    await white.leave();
  });

  it("after the end, a public record is everyone's (and may be cached); a private one stays the key holder's and is never listed", async () => {
    const fast = { ...planMatch(12, 600), planningSec: 5 };
    const [open, hidden] = await Promise.all([instructed(fast), instructed({ ...fast, private: true })]);
    for (const { white } of [open, hidden]) {
      await white.waitFor(() => white.summaries.some((s) => s.final), "the end", 60_000);
    }
    const openBase = `/api/history/${open.white.welcome?.matchId}`;
    const hiddenBase = `/api/history/${hidden.white.welcome?.matchId}`;
    await until("the public record to be finished", async () => (await get(openBase)).status === 200);
    const snapshot = await get(`${openBase}/snapshots/0`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.headers.get("cache-control")).toMatch(/public/);
    for (const route of RECORD_ROUTES) {
      expect((await get(openBase + route)).status, `public ${route || "/"}`).toBe(200);
      expect((await get(hiddenBase + route)).status, `private ${route || "/"}`).toBe(403);
    }
    expect((await get(`${hiddenBase}/export.json`, hidden.key)).status).toBe(200);
    expect((await get(`${hiddenBase}/snapshots/0`, hidden.key)).headers.get("cache-control")).toMatch(
      /private/,
    );
    const listed = ((await (await get("/api/history?limit=500")).json()) as MatchListing[]).map((m) => m.id);
    expect(listed).toContain(open.white.welcome?.matchId);
    expect(listed).not.toContain(hidden.white.welcome?.matchId);
    await Promise.all([open.white.leave(), hidden.white.leave()]);
  });

  it("branches a running match only with its instructor key", async () => {
    const { white, key } = await instructed(planMatch(13, 60));
    await white.waitFor(() => white.state.phase === "live" && white.state.clock > 30, "the night");
    const matchId = white.welcome?.matchId;
    const at = { round: 1, phase: "live", t: 0 };
    const branch = (extra: object) =>
      ws().create(
        "match",
        { restore: { kind: "branch", matchId, at, ...extra }, seat: "instructor", name: "B" },
        MatchState,
      );
    await expect(branch({})).rejects.toThrow(/still running: branching it needs its instructor key/);
    await expect(branch({ instructorKey: "guess" })).rejects.toThrow(/instructor key/);
    const copy = await branch({ instructorKey: key });
    await until("the branch", () => copy.state.code !== "" && copy.state.paused);
    expect(copy.state.clock).toBe(0);
    await Promise.all([copy.leave(), white.leave()]);
  });

  it("gives the instructor key only to the instructor seat, never to a creator who plays", async () => {
    const player = await TestClient.create(ws(), {
      scenario: "training-range",
      seat: "attacker",
      name: "Red",
    });
    await player.waitFor(() => player.welcome !== undefined, "the welcome");
    expect(player.welcome).toMatchObject({ role: "attacker", seatId: "attacker-1" });
    expect(player.welcome?.instructorKey).toBeUndefined();
    expect(player.welcome?.spectatorKey).toBeUndefined();
    expect(player.welcome?.rejoinCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const roomId = player.room.roomId;
    // The creator may not walk into the instructor seat either: it needs the key like anyone.
    await expect(TestClient.join(ws(), roomId, { seat: "instructor", name: "Red again" })).rejects.toThrow(
      /instructor key/,
    );
    const { white } = await instructed({ scenario: "training-range" });
    expect(white.welcome?.instructorKey).toMatch(/^[\w-]{20,}$/);
    expect(white.welcome?.spectatorKey).toMatch(/^[\w-]{20,}$/);
    await Promise.all([player.leave(), white.leave()]);
  });
});

describe("spectator policy", () => {
  let server: InProcessServer;
  const tmp = tempDir("skyshield-spectators-");
  const ws = () => new Client(server.url.replace("http", "ws"));

  beforeAll(async () => {
    server = await startInProcess(join(tmp.dir, "history.db"));
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  /** A match of `options` run by an instructor, with both sides played by people. */
  async function peoplePlaying(options: Partial<CreateMatchOptions> = {}) {
    const white = await TestClient.create(ws(), {
      scenario: "training-range",
      ...options,
      seat: "instructor",
      name: "White",
    });
    await white.waitFor(() => white.welcome !== undefined, "the welcome");
    const roomId = white.room.roomId;
    const spectate = (extra: object) =>
      TestClient.join(ws(), roomId, { seat: "spectator", name: "Tab", ...extra });
    return { white, spectatorKey: white.welcome?.spectatorKey ?? "", spectate };
  }

  it("with people playing and no delay: every view needs the spectator key the instructor shares", async () => {
    const { white, spectatorKey, spectate } = await peoplePlaying();
    await expect(spectate({})).rejects.toThrow(/need the spectator key/);
    for (const view of ["truth", "attacker", "defender"]) {
      await expect(spectate({ view }), view).rejects.toThrow(/needs the spectator key/);
    }
    await expect(spectate({ view: "truth", spectatorKey: "guess" })).rejects.toThrow(/not the match's/);
    const projector = await spectate({ view: "truth", spectatorKey });
    await projector.waitFor(() => projector.welcome !== undefined, "the welcome");
    expect(projector.welcome).toMatchObject({ role: "spectator", view: "truth" });
    expect(projector.welcome?.instructorKey).toBeUndefined();
    await Promise.all([projector.leave(), white.leave()]);
  });

  it("with a delay: a side's picture is open, the truth needs the key, and set-view obeys the same rule", async () => {
    const { white, spectatorKey, spectate } = await peoplePlaying({ spectatorDelaySec: 5 });
    await expect(spectate({ view: "truth" })).rejects.toThrow(/needs the spectator key/);
    const tab = await spectate({});
    await tab.waitFor(() => tab.welcome !== undefined, "the welcome");
    expect(tab.welcome?.view).toBe("attacker"); // the first view it may take
    tab.send("set-view", { view: "truth", rid: "peek" });
    await tab.waitFor(() => tab.errors.some((e) => e.rid === "peek"), "the refusal");
    expect(tab.errors).toEqual([
      expect.objectContaining({
        code: "not_allowed",
        rid: "peek",
        message: expect.stringMatching(/spectator key/),
      }),
    ]);
    expect(tab.keys("tracks").every((key) => key.startsWith("xa:"))).toBe(true);
    tab.send("set-view", { view: "defender", rid: "other-side" });
    const projector = await spectate({ spectatorKey });
    await projector.waitFor(() => projector.welcome !== undefined, "the welcome");
    expect(projector.welcome?.view).toBe("truth");
    projector.send("set-view", { view: "defender", rid: "switch" });
    projector.send("set-view", { view: "truth", rid: "back" });
    // The room answers in order: a refused probe shows every earlier message was handled.
    for (const client of [tab, projector]) {
      client.send("set-view", { view: "nowhere", rid: "probe" });
      await client.waitFor(() => client.errors.some((e) => e.rid === "probe"), "the probe's reply");
    }
    expect(projector.errors.map((e) => e.rid)).toEqual(["probe"]);
    expect(tab.errors.map((e) => e.rid)).toEqual(["peek", "probe"]);
    await Promise.all([tab.leave(), projector.leave(), white.leave()]);
  });

  it("follows the creator's policy: a closed view is closed even to key holders, an opened one to all", async () => {
    const { white, spectatorKey, spectate } = await peoplePlaying({
      spectatorViews: { truth: "closed", defender: "open" },
    });
    await expect(spectate({ view: "truth", spectatorKey })).rejects.toThrow(/may not watch the truth view/);
    await expect(spectate({ view: "attacker" })).rejects.toThrow(/needs the spectator key/);
    const open = await spectate({ view: "defender" });
    await open.waitFor(() => open.welcome !== undefined, "the welcome");
    // The instructor, by contrast, may look through any eyes.
    white.send("set-view", { view: "attacker", rid: "white-look" });
    await Promise.all([open.leave(), white.leave()]);
    expect(white.errors).toEqual([]);
  });

  it("opens every view when nobody plays (every seat scripted)", async () => {
    const watcher = await TestClient.create(ws(), {
      scenario: "training-range",
      seats: { attacker: "plan", defender: "plan" },
      seat: "spectator",
      name: "Class",
    });
    await watcher.waitFor(() => watcher.welcome !== undefined, "the welcome");
    expect(watcher.welcome).toMatchObject({ view: "truth" });
    expect(watcher.welcome?.instructorKey).toBeUndefined();
    await watcher.leave();
  });
});
