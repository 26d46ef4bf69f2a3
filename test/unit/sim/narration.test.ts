import { describe, expect, it } from "vitest";
import type { FeedEntry } from "../../../shared/protocol.js";
import type { Perspective, SimEvent } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { feedCategory } from "../../../sim/review/feed-lines.js";
import { Feed, LEAK_WORDS } from "../../../sim/review/narration.js";
import { buildScenario } from "../../support/scenario.js";
import { applyAll, deploy, ofType, salvo, WHITE } from "./helpers.js";

/**
 * The event feed tells the story each side may know: routine events counted by place and type, strikes
 * with their true reason for the defence, and for the attacker only what it could observe.
 */
const SIDES: Perspective[] = ["truth", "attacker", "defender"];

/** A night on the fixture, its feed in messages of `batchSec` simulated seconds, as the room sends it. */
function night(batchSec: number, setup: Parameters<typeof applyAll>[1]) {
  const scenario = buildScenario();
  const sim = createSimulation(scenario, 5);
  const feed = new Feed(scenario);
  const entries = new Map<Perspective, FeedEntry[]>(SIDES.map((p) => [p, []]));
  const events: SimEvent[] = [];
  let batch: SimEvent[] = applyAll(sim, [...setup, WHITE.startLive]);
  let batchStart = 0;
  const flush = () => {
    for (const [p, list] of feed.describe(batch, SIDES)) entries.get(p)?.push(...list);
    batch = [];
  };
  while (sim.phase === "live") {
    const stepped = sim.step();
    events.push(...stepped);
    batch.push(...stepped);
    if (sim.clock - batchStart >= batchSec) {
      flush();
      batchStart = sim.clock;
    }
  }
  flush();
  return { events, feed: (p: Perspective) => entries.get(p) ?? [] };
}

const defended = [
  deploy("sam", -100, 0, { id: "sam-1", doctrine: { weapons: "free" } }),
  deploy("radar", -150, 0, { id: "radar-1" }),
  salvo({ count: 12, intervalSec: 1 }),
];

describe("the event feed", () => {
  it("counts a swarm's routine events in one line per place, not one line per drone", () => {
    const { events, feed } = night(60, defended);
    const defender = feed("defender");
    expect(ofType(events, "detect").filter((e) => e.side === "defender")).toHaveLength(12);
    const detections = defender.filter((e) => e.kind === "detect");
    expect(detections.map((e) => e.text)).toEqual(["12 new tracks in the south-east"]);
    expect(
      feed("attacker")
        .filter((e) => e.kind === "launch")
        .map((e) => e.text),
    ).toEqual(["12 × Drone launched from East zone"]);
    // No line carries a threat's random id.
    for (const entry of [...defender, ...feed("attacker")]) expect(entry.text).not.toMatch(/\bt-[0-9a-z]+/);
  });

  it("keeps where each counted event happened, so the map can show every intercept", () => {
    const { events, feed } = night(600, defended);
    const intercepts = feed("defender").filter((e) => e.kind === "intercept");
    const points = intercepts.flatMap((e) => e.points ?? (e.x === undefined ? [] : [e.x, e.y ?? 0]));
    expect(points.length / 2).toBe(ofType(events, "intercept").length);
  });

  it("gives the defence the true reason a strike got through, and the attacker none", () => {
    // A gun that fires once a minute, every shot a hit, rounds to spare: what leaks was saturation.
    const scenario = buildScenario();
    Object.assign(scenario.catalogue.layers.gun, {
      shotIntervalSec: 60,
      magazine: 100,
      pk: { drone: 1, decoy: 1, cruise: 1, ballistic: 0 },
    });
    const sim = createSimulation(scenario, 3);
    const events = applyAll(sim, [
      deploy("gun", -190, 0, { id: "gun-1", doctrine: { weapons: "free" } }),
      deploy("radar", -150, 0),
      salvo({ count: 6, intervalSec: 0 }),
      WHITE.startLive,
    ]);
    while (sim.phase === "live") events.push(...sim.step());
    const described = new Feed(scenario).describe(events, ["defender", "attacker"]);
    const strikes = (p: Perspective) => (described.get(p) ?? []).filter((e) => e.kind === "impact");
    const impacts = ofType(events, "impact");
    const toll = Math.round(impacts.reduce((sum, e) => sum + e.casualties, 0));
    expect(impacts.length).toBeGreaterThan(1);
    expect(strikes("defender").map((e) => e.text)).toEqual([
      `${impacts.length} × Drone hit Capital, ${toll} casualties: ${LEAK_WORDS.saturated}`,
    ]);
    expect(strikes("attacker").map((e) => e.text)).toEqual([
      `${impacts.length} × Drone hit Capital, ${toll} casualties`,
    ]);
  });

  it("tells the attacker only what it could observe: no unit ids, misses or reasons", () => {
    const scenario = buildScenario();
    scenario.catalogue.layers.sam.pk = { drone: 0.5, decoy: 0.5, cruise: 0.5, ballistic: 0.5 };
    const sim = createSimulation(scenario, 4);
    const events = applyAll(sim, [...defended, salvo({ count: 20, intervalSec: 200 }), WHITE.startLive]);
    while (sim.phase === "live") events.push(...sim.step());
    expect(ofType(events, "miss").length).toBeGreaterThan(0);
    expect(ofType(events, "impact").length).toBeGreaterThan(0);
    const attacker = new Feed(scenario).describe(events, ["attacker"]).get("attacker") ?? [];
    const text = attacker.map((e) => e.text).join("\n");
    expect(text).not.toMatch(/sam-1|radar-1|\bu-\d/);
    expect(attacker.filter((e) => e.kind === "miss" || e.kind === "fire")).toEqual([]);
    for (const words of Object.values(LEAK_WORDS)) expect(text).not.toContain(words);
    // What it does observe: its launches, threats lost, strikes, and the SAM once it fired.
    expect(attacker.map((e) => e.kind)).toEqual(expect.arrayContaining(["launch", "intercept", "impact"]));
    expect(text).toContain("lost in the");
    expect(text).toContain("SAM sighted");
  });

  it("counts incidents by place and cause, and reads a level such as escalation at its latest value", () => {
    const scenario = buildScenario();
    scenario.nations = [{ id: "north", name: "Northland", roe: "none" }];
    const at = { t: 10, round: 1, visibleTo: ["attacker", "defender", "truth"] as Perspective[] };
    const incident = {
      ...at,
      type: "incident" as const,
      nation: "north",
      cause: "airspace" as const,
      x: 0,
      y: 0,
    };
    const events: SimEvent[] = [
      incident,
      { ...at, type: "escalation", value: 1, delta: 1 },
      incident,
      { ...at, type: "escalation", value: 2, delta: 1 },
      incident,
    ];
    const lines = new Feed(scenario).describe(events, ["defender"]).get("defender") ?? [];
    expect(lines.map((e) => e.text)).toEqual([
      "3 incidents in Northland: airspace",
      "Escalation now 2.0 (+1.0)",
    ]);
  });

  it("files every line under a category the feed can filter by", () => {
    expect(feedCategory("impact")).toBe("strikes");
    expect(feedCategory("inject")).toBe("decisions");
    expect(feedCategory("intercept")).toBe("engagements");
    expect(feedCategory("detect")).toBe("tracks");
    expect(feedCategory("something-new")).toBe("tracks");
  });
});
