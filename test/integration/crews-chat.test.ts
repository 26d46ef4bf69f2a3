import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { History } from "../../server/store/history.js";
import { loadRecord } from "../../server/store/records.js";
import { accepted, type Classroom, openClassroom, refused } from "./crew-harness.js";
import { sleep } from "./helpers.js";

/**
 * The side channel of crews (docs/classroom.md, "Crews"): chat per side, per role and from the
 * instructor to all, and markers, in a compact-shield match with a whole class seated. What each client
 * receives is decoded and compared: nothing of a side reaches the other side or any side's spectators.
 */
let room: Classroom;
const m = (key: string) => room.member(key);
const IN_CENTRE = { x: -578, y: 28 };

const history = new History({ path: join(mkdtempSync(join(tmpdir(), "skyshield-crews-")), "history.db") });

beforeAll(async () => {
  room = await openClassroom({ history });
}, 60_000);
afterAll(async () => {
  await room?.close();
  history.close();
});

describe("the side channel", () => {
  const keys = () => [...room.members.keys()];
  const side = (prefix: string) => keys().filter((key) => key.startsWith(prefix));
  /** Who received a chat with this text, and who a marker with this label. */
  const heard = (text: string) =>
    [...room.members.entries(), ["instructor", room.instructor] as const]
      .filter(([, member]) => member.chats.some((post) => post.text === text))
      .map(([key]) => key)
      .sort();
  const marked = (label: string) =>
    [...room.members.entries(), ["instructor", room.instructor] as const]
      .filter(([, member]) => member.markers.some((post) => post.label === label))
      .map(([key]) => key)
      .sort();
  const settle = () => sleep(800);

  it("delivers side chat to the side, the instructor and truth spectators only", async () => {
    await accepted([[m("defender/sector-north"), "chat", { channel: "side", text: "hold sector north" }]]);
    await accepted([
      [m("attacker/commander"), "chat", { channel: "side", text: "all planners: go at 0200" }],
    ]);
    await settle();
    expect(heard("hold sector north")).toEqual(
      [...side("defender/"), "instructor", "spectator/truth"].sort(),
    );
    expect(heard("all planners: go at 0200")).toEqual(
      [...side("attacker/"), "instructor", "spectator/truth"].sort(),
    );
    const post = m("defender/commander").chats.find((p) => p.text === "hold sector north");
    expect(post).toMatchObject({
      from: "defender sector-north",
      role: "sector-north",
      side: "defender",
      channel: "side",
    });
    expect(typeof post?.t).toBe("number");
  });

  it("delivers role chat to the role's holders, and the instructor's to everyone", async () => {
    await accepted([[m("attacker/planner-north"), "chat", { channel: "role", text: "tabriz first" }]]);
    await accepted([[room.instructor, "chat", { channel: "all", text: "ten minutes left" }]]);
    await settle();
    expect(heard("tabriz first")).toEqual(["attacker/planner-north", "instructor", "spectator/truth"]);
    expect(heard("ten minutes left")).toEqual([...keys(), "instructor"].sort());
  });

  it("shows markers to the marker's side only", async () => {
    await accepted([[m("defender/sensor"), "marker", { at: IN_CENTRE, label: "gap in radar cover" }]]);
    await accepted([
      [m("attacker/planner-south"), "marker", { at: { x: 731, y: -52 }, label: "decoys here" }],
    ]);
    await settle();
    expect(marked("gap in radar cover")).toEqual(
      [...side("defender/"), "instructor", "spectator/truth"].sort(),
    );
    expect(marked("decoys here")).toEqual([...side("attacker/"), "instructor", "spectator/truth"].sort());
  });

  it("refuses chat to the wrong channel, from spectators, and too long", async () => {
    await refused([
      [
        m("defender/logistics"),
        "chat",
        { channel: "all", text: "hello all" },
        "not_allowed",
        /only the instructor/,
      ],
      [room.instructor, "chat", { channel: "side", text: "psst" }, "not_allowed", /channel 'all'/],
      [m("spectator/truth"), "chat", { channel: "side", text: "hi" }, "wrong_seat", /spectators/],
      [m("spectator/defender"), "marker", { at: IN_CENTRE, label: "x" }, "wrong_seat", /spectators/],
      [m("defender/logistics"), "chat", { channel: "side", text: "x".repeat(501) }, "invalid", /text/],
    ]);
    await settle();
    expect(heard("hello all")).toEqual([]);
    expect(heard("psst")).toEqual([]);
  });

  it("keeps every post and who held which role in the match history, for replays and the debrief", () => {
    const record = loadRecord(history.db, room.roomId);
    expect(record?.seats).toContainEqual(
      expect.objectContaining({ role: "defender", crewRole: "sector-north" }),
    );
    const posts = record?.sidePosts ?? [];
    const said = posts.map(({ kind, post }) =>
      kind === "chat" ? `${post.side}/${post.channel}: ${post.text}` : `${post.side} marker: ${post.label}`,
    );
    expect(said).toEqual([
      "defender/side: hold sector north",
      "attacker/side: all planners: go at 0200",
      "attacker/role: tabriz first",
      "/all: ten minutes left",
      "defender marker: gap in radar cover",
      "attacker marker: decoys here",
    ]);
  });

  it("lets each client post only a few messages a second, and keeps it connected", async () => {
    const chatty = m("defender/logistics");
    const before = chatty.client.errors.length;
    for (let i = 0; i < 8; i++) chatty.client.send("chat", { channel: "side", text: `spam ${i}` });
    await chatty.client.waitFor(() => chatty.client.errors.length >= before + 2, "the refusals");
    await settle();
    const refusals = chatty.client.errors.slice(before);
    expect(refusals.map((e) => e.code)).toEqual(["rate_limited", "rate_limited"]);
    expect(m("defender/commander").chats.filter((p) => p.text.startsWith("spam"))).toHaveLength(6);
    expect(chatty.client.leftWith).toBeUndefined();
  });
});
