/**
 * Test support for crews: a compact-shield match with a whole class seated in roles (real server, real
 * colyseus.js clients), each client keeping the side-channel posts it receives, and helpers that send an
 * order and wait for its verdict.
 */
import { expect } from "vitest";
import type { GameServerConfig } from "../../server/app.js";
import type { ErrorCode } from "../../shared/protocol.js";
import type { ChatPost, MarkerPost } from "../../shared/side-channel.js";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

export interface CrewMember {
  client: TestClient;
  name: string;
  chats: ChatPost[];
  markers: MarkerPost[];
}

export interface Classroom {
  server: TestServer;
  roomId: string;
  instructor: CrewMember;
  /** Players by "<side>/<role>" (e.g. "defender/sector-north"), spectators by "spectator/<view>". */
  members: Map<string, CrewMember>;
  member(key: string): CrewMember;
  close(): Promise<void>;
}

function listen(client: TestClient, name: string): CrewMember {
  const member: CrewMember = { client, name, chats: [], markers: [] };
  client.room.onMessage("chat", (post: ChatPost) => member.chats.push(post));
  client.room.onMessage("marker", (post: MarkerPost) => member.markers.push(post));
  return member;
}

/** Everyone joins in this order; a player listed with role `undefined` gets the side's first open role. */
export const CREW: readonly {
  side: "attacker" | "defender" | "ally";
  role: string | undefined;
  key: string;
}[] = [
  { side: "defender", role: undefined, key: "defender/commander" },
  { side: "defender", role: "sector-north", key: "defender/sector-north" },
  { side: "defender", role: "sector-centre", key: "defender/sector-centre" },
  { side: "defender", role: "sector-jerusalem", key: "defender/sector-jerusalem" },
  { side: "defender", role: "sector-south", key: "defender/sector-south" },
  { side: "defender", role: "sensor", key: "defender/sensor" },
  { side: "defender", role: "logistics", key: "defender/logistics" },
  { side: "attacker", role: "commander", key: "attacker/commander" },
  { side: "attacker", role: "planner-north", key: "attacker/planner-north" },
  { side: "attacker", role: "planner-centre", key: "attacker/planner-centre" },
  { side: "attacker", role: "planner-south", key: "attacker/planner-south" },
  { side: "ally", role: undefined, key: "ally/coalition-air" },
  { side: "attacker", role: "intelligence", key: "attacker/intelligence" },
];

/**
 * A compact-shield match with a long planning phase: its instructor, and a way to join it as one of the
 * crew (options of `joinById`: seat, role, name).
 */
export async function instructedMatch(server: TestServer): Promise<{
  white: CrewMember;
  join(options: Record<string, unknown>): Promise<CrewMember>;
}> {
  const instructor = await TestClient.create(server.client(), {
    scenario: "compact-shield",
    planningSec: 3600,
    seat: "instructor",
    name: "White",
  });
  await instructor.waitFor(() => instructor.welcome !== undefined, "the instructor's welcome");
  const roomId = instructor.room.roomId;
  return {
    white: listen(instructor, "White"),
    join: async (options) =>
      listen(await TestClient.join(server.client(), roomId, options), String(options.name)),
  };
}

export async function openClassroom(config: GameServerConfig = {}): Promise<Classroom> {
  const server = await startServer({ rateLimit: { perSec: 1e6, burst: 1e6 }, ...config });
  const white = await TestClient.create(server.client(), {
    scenario: "compact-shield",
    planningSec: 3600,
    spectatorViews: { attacker: "open", defender: "open", truth: "key" },
    seat: "instructor",
    name: "White",
  });
  await white.waitFor(() => white.welcome !== undefined, "the instructor's welcome");
  const roomId = white.room.roomId;
  const members = new Map<string, CrewMember>();
  for (const { side, role, key } of CREW) {
    const name = key.replace("/", " ");
    const options = { seat: side, name, ...(role === undefined ? {} : { role }) };
    members.set(key, listen(await TestClient.join(server.client(), roomId, options), name));
  }
  const spectatorKey = white.welcome?.spectatorKey;
  for (const view of ["attacker", "defender"] as const) {
    const client = await TestClient.join(server.client(), roomId, {
      seat: "spectator",
      name: `On ${view}`,
      view,
    });
    members.set(`spectator/${view}`, listen(client, `On ${view}`));
  }
  const truth = await TestClient.join(server.client(), roomId, {
    seat: "spectator",
    name: "Projector",
    view: "truth",
    spectatorKey,
  });
  members.set("spectator/truth", listen(truth, "Projector"));
  const players = CREW.length;
  await white.waitFor(
    () => [...white.state.seats.values()].filter((seat) => seat.filledBy === "human").length === players + 1,
    "every player seated",
  );
  const member = (key: string) => {
    const found = members.get(key);
    if (!found) throw new Error(`no member '${key}'`);
    return found;
  };
  return {
    server,
    roomId,
    instructor: listen(white, "White"),
    members,
    member,
    close: () => server.close(),
  };
}

let ridCounter = 0;
const SETTLE_MS = 1200;

/** Send orders that must all be accepted: no error reply names their rids. */
export async function accepted(orders: readonly [CrewMember, string, object][]): Promise<void> {
  const sent = orders.map(([member, type, message]) => {
    const rid = `ok-${++ridCounter}`;
    member.client.send(type, { ...message, rid });
    return { member, rid, type };
  });
  await sleep(SETTLE_MS);
  for (const { member, rid, type } of sent)
    expect(
      member.client.errors.filter((e) => e.rid === rid),
      `${member.name}: ${type}`,
    ).toEqual([]);
}

/** Send orders that must each be refused once with `code` and a message matching `reason`. */
export async function refused(
  orders: readonly [CrewMember, string, object, ErrorCode, RegExp][],
): Promise<void> {
  const sent = orders.map(([member, type, message, code, reason]) => {
    const rid = `no-${++ridCounter}`;
    member.client.send(type, { ...message, rid });
    return { member, rid, type, code, reason };
  });
  for (const { member, rid, type, code, reason } of sent) {
    const replies = () => member.client.errors.filter((e) => e.rid === rid);
    await member.client.waitFor(() => replies().length > 0, `${member.name}: the refusal of ${type}`);
    expect(replies(), `${member.name}: ${type}`).toHaveLength(1);
    expect(replies()[0], `${member.name}: ${type}`).toMatchObject({ code, type });
    expect(replies()[0].message, `${member.name}: ${type}`).toMatch(reason);
    expect(member.client.leftWith).toBeUndefined();
  }
}

/** The forces of both sides as the truth shows them (units, salvos, money and stocks). */
export function forces(watcher: TestClient): string {
  const { units, salvos, economy } = watcher.state;
  return JSON.stringify([units.toJSON(), salvos.toJSON(), economy.toJSON()]);
}

/** A unit of the truth picture by kind and rounded position. */
export function unitAt(watcher: TestClient, kind: string, x: number, y: number): string {
  const unit = [...watcher.state.units.values()].find(
    (u) => u.kind === kind && Math.round(u.x) === x && Math.round(u.y) === y,
  );
  if (!unit) throw new Error(`no ${kind} at (${x}, ${y})`);
  return unit.id;
}
