import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../../server/app.js";
import { startServer, TestClient, type TestServer } from "./helpers.js";

/** The HTTP side: health, scenarios, match listing and join-code lookup, the built client, the monitor. */
const dist = mkdtempSync(join(tmpdir(), "skyshield-dist-"));
writeFileSync(join(dist, "index.html"), "<!doctype html><title>Skyshield</title>");
writeFileSync(join(dist, "app.js"), "console.log('skyshield');");

async function getJson(server: TestServer, path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(server.httpUrl + path);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  return { status: res.status, body: await res.json() };
}

describe("without a monitor password", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ distDir: dist });
  });
  afterAll(async () => {
    await server.close();
  });

  it("reports health", async () => {
    const { status, body } = await getJson(server, "/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", version: VERSION, rooms: 0 });
    expect((body as { uptimeSec: number }).uptimeSec).toBeGreaterThanOrEqual(0);
  });

  it("lists scenarios and serves one compiled for the map", async () => {
    const list = await getJson(server, "/api/scenarios");
    expect(list.body).toContainEqual(
      expect.objectContaining({
        id: "training-range",
        name: expect.any(String),
        description: expect.any(String),
        rounds: 1,
      }),
    );
    const entry = (list.body as { id: string; seats: Record<string, number> }[]).find(
      (s) => s.id === "training-range",
    );
    expect(entry?.seats).toMatchObject({ attacker: 1, defender: 1, instructor: 1 });

    const one = await getJson(server, "/api/scenarios/training-range");
    expect(one.status).toBe(200);
    const compiled = one.body as {
      id: string;
      theatre: { regions: { polygons: unknown[] }[] };
      assets: { at: unknown }[];
    };
    expect(compiled.id).toBe("training-range");
    expect(compiled.theatre.regions[0].polygons.length).toBeGreaterThan(0);
    expect(compiled.assets[0].at).toEqual({ x: expect.any(Number), y: expect.any(Number) });

    // Each scenario lists the variants a lesson may pick, by id, title and description.
    const wide = (list.body as { id: string; variants: { id: string; title: string }[] }[]).find(
      (s) => s.id === "wide-front",
    );
    expect(wide?.variants).toContainEqual({
      id: "black-sea-open",
      title: "Black Sea open",
      description: expect.any(String),
    });
    expect(entry).toHaveProperty("variants");

    const missing = await getJson(server, "/api/scenarios/atlantis");
    expect(missing).toEqual({
      status: 404,
      body: { error: "unknown_scenario", message: "no scenario 'atlantis'" },
    });
    const noRoute = await getJson(server, "/api/nothing-here");
    expect(noRoute.status).toBe(404);
    expect(noRoute.body).toMatchObject({ error: "not_found" });
  });

  it("lists public matches and finds any match by its code", async () => {
    // Creators who watch: their policy opens the truth to spectators.
    const open = await TestClient.create(server.client(), {
      scenario: "training-range",
      spectatorViews: { truth: "open" },
      seat: "spectator",
      name: "A",
    });
    const hidden = await TestClient.create(server.client(), {
      scenario: "training-range",
      private: true,
      spectatorViews: { truth: "open" },
      seat: "spectator",
      name: "B",
    });
    const { body } = await getJson(server, "/api/matches");
    const matches = body as { code: string; roomId: string }[];
    expect(matches.map((m) => m.code)).toEqual([open.state.code]);
    expect(matches[0]).toMatchObject({
      roomId: open.room.roomId,
      scenario: "training-range",
      scenarioName: expect.any(String),
      phase: "lobby",
      round: 1,
      rounds: 1,
      spectators: 1,
      private: false,
      seats: {
        attacker: { total: 1, filled: 0 },
        defender: { total: 1, filled: 0 },
        instructor: { total: 1, filled: 0 },
      },
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const byCode = await getJson(server, `/api/matches/${hidden.state.code.toLowerCase()}`);
    expect(byCode.status).toBe(200);
    expect(byCode.body).toMatchObject({
      roomId: hidden.room.roomId,
      scenario: "training-range",
      phase: "lobby",
      round: 1,
    });
    // The code is how people reach a private match.
    const guest = await TestClient.join(server.client(), (byCode.body as { roomId: string }).roomId, {
      seat: "defender",
      name: "Guest",
    });
    await guest.waitFor(() => guest.welcome?.seatId === "defender-1", "a seat in the private match");
    const afterJoin = await getJson(server, `/api/matches/${hidden.state.code}`);
    expect(afterJoin.body).toMatchObject({ seats: { defender: { total: 1, filled: 1 } } });

    expect((await getJson(server, "/api/matches/ZZZZZZ")).status).toBe(404);
    expect((await getJson(server, "/api/matches/not-a-code")).body).toMatchObject({ error: "unknown_match" });
    expect((await getJson(server, "/health")).body).toMatchObject({ rooms: 2 });
    await Promise.all([open.leave(), hidden.leave(), guest.leave()]);
  });

  it("refuses bad create and join options with a clear reason", async () => {
    const create = (options: Record<string, unknown>) => TestClient.create(server.client(), options);
    await expect(create({ scenario: "atlantis", seat: "spectator", name: "X" })).rejects.toThrow(
      /unknown scenario 'atlantis'/,
    );
    await expect(
      create({ scenario: "training-range", colour: "red", seat: "spectator", name: "X" }),
    ).rejects.toThrow(/unknown option 'colour'/);
    await expect(
      create({
        scenario: "training-range",
        pacing: { mode: "realtime", timeScale: 9000 },
        seat: "spectator",
        name: "X",
      }),
    ).rejects.toThrow(/pacing.timeScale/);
    await expect(
      create({ scenario: "training-range", seats: { attacker: "bot:hard" }, seat: "spectator", name: "X" }),
    ).rejects.toThrow(/bots are not available/);
    await expect(create({ scenario: "training-range", seat: "spectator" })).rejects.toThrow(/name/);
    await expect(create({ scenario: "training-range", seat: "general", name: "X" })).rejects.toThrow(/seat/);
    await expect(
      create({ scenario: "training-range", seat: "attacker", name: "X", view: "truth" }),
    ).rejects.toThrow(/'view' is for spectators/);
  });

  it("serves the built client, with index.html for client-side routes", async () => {
    const index = await fetch(`${server.httpUrl}/`);
    expect(await index.text()).toContain("<title>Skyshield</title>");
    const route = await fetch(`${server.httpUrl}/join/K7QF2M`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain("<title>Skyshield</title>");
    const asset = await fetch(`${server.httpUrl}/app.js`);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    // Without a password there is no monitor: /colyseus is just another client route.
    const monitor = await fetch(`${server.httpUrl}/colyseus/api`);
    expect(await monitor.text()).toContain("<title>Skyshield</title>");
  });
});

describe("with a monitor password", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ distDir: dist, monitorPassword: "s3cret" });
  });
  afterAll(async () => {
    await server.close();
  });

  it("serves @colyseus/monitor at /colyseus behind basic auth", async () => {
    const anonymous = await fetch(`${server.httpUrl}/colyseus/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Basic/);
    const wrong = await fetch(`${server.httpUrl}/colyseus/`, {
      headers: { authorization: `Basic ${Buffer.from("admin:guess").toString("base64")}` },
    });
    expect(wrong.status).toBe(401);
    const auth = { authorization: `Basic ${Buffer.from("admin:s3cret").toString("base64")}` };
    const page = await fetch(`${server.httpUrl}/colyseus/`, { headers: auth });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const rooms = await fetch(`${server.httpUrl}/colyseus/api`, { headers: auth });
    expect(rooms.status).toBe(200);
  });
});
