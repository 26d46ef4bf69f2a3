import { describe, expect, it } from "vitest";
import { loadScenario } from "../../../server/scenarios/loader.js";
import type { SimEvent } from "../../../sim/api.js";
import { crewReview } from "../../../sim/review/crew-review.js";

/** The debrief per crew (docs/classroom.md, "Debrief per crew") from hand-made events on compact-shield. */

const scenario = loadScenario("compact-shield");
const at = (id: string) => scenario.assets.find((a) => a.id === id)!.at;
const base = { round: 1, visibleTo: ["truth" as const] };

function launch(threatId: string, zone: string, target: string, threatType = "shahed"): SimEvent {
  return { ...base, t: 1, type: "launch", threatId, threatType, zone, target, costUsd: 50_000 };
}

const events: SimEvent[] = [
  // A new gun in the North sector (Haifa), then moved into the Centre (Tel Aviv).
  { ...base, t: 0, type: "unit-deployed", unitId: "gun-1", unitType: "gun", ...at("haifa") },
  launch("t1", "tabriz", "haifa"),
  launch("t2", "tabriz", "tel-aviv"),
  launch("t3", "ahvaz", "eilat", "emad"),
  launch("d1", "isfahan", "haifa", "decoy"),
  {
    ...base,
    t: 2,
    type: "fire",
    unitId: "gun-1",
    interceptorId: "i1",
    threatId: "t1",
    costUsd: 1000,
    outsideRoe: false,
  },
  {
    ...base,
    t: 2,
    type: "fire",
    unitId: "gun-1",
    interceptorId: "i2",
    threatId: "d1",
    costUsd: 1000,
    outsideRoe: false,
  },
  {
    ...base,
    t: 3,
    type: "intercept",
    unitId: "gun-1",
    interceptorId: "i1",
    threatId: "t1",
    threatType: "shahed",
    ...at("haifa"),
  },
  {
    ...base,
    t: 3,
    type: "intercept",
    unitId: "gun-1",
    interceptorId: "i2",
    threatId: "d1",
    threatType: "decoy",
    ...at("haifa"),
  },
  { ...base, t: 4, type: "unit-moved", unitId: "gun-1", ...at("tel-aviv") },
  {
    ...base,
    t: 5,
    type: "fire",
    unitId: "gun-1",
    interceptorId: "i3",
    threatId: "t2",
    costUsd: 1000,
    outsideRoe: false,
  },
  // A fixed Arrow battery (Centre) shoots at the ballistic missile, which still strikes Eilat (South).
  {
    ...base,
    t: 5,
    type: "fire",
    unitId: "arrow-north",
    interceptorId: "i4",
    threatId: "t3",
    costUsd: 3e6,
    outsideRoe: false,
  },
  { ...base, t: 6, type: "miss", unitId: "arrow-north", interceptorId: "i4", threatId: "t3", ...at("eilat") },
  {
    ...base,
    t: 7,
    type: "impact",
    threatId: "t3",
    threatType: "emad",
    ...at("eilat"),
    hits: [{ assetId: "eilat", damage: 40 }],
    casualties: 12,
    leakReason: "missed",
  },
  { ...base, t: 8, type: "crash", threatId: "t2", ...at("tel-aviv"), region: null },
];

describe("crewReview", () => {
  const review = crewReview(scenario, events, []);
  const sector = (id: string) => review.sectors.find((s) => s.sector === id)!;
  const planner = (role: string) => review.planners.find((p) => p.role === role)!;

  it("has a row for every sector, named after its officer's role", () => {
    expect(review.sectors.map((s) => [s.sector, s.role])).toEqual([
      ["north", "sector-north"],
      ["centre", "sector-centre"],
      ["jerusalem", "sector-jerusalem"],
      ["south", "sector-south"],
    ]);
  });

  it("charges a sector with what struck it and what was sent at it, decoys apart", () => {
    expect(sector("south")).toMatchObject({ aimed: 1, leaked: 1, damage: 40, casualties: 12 });
    expect(sector("north")).toMatchObject({ aimed: 1, leaked: 0 });
    expect(sector("centre")).toMatchObject({ aimed: 1, leaked: 0 });
  });

  it("credits shots, spend and kills to the sector the unit stood in when it fired", () => {
    expect(sector("north")).toMatchObject({ shots: 2, spendUsd: 2000, kills: 1 });
    expect(sector("centre")).toMatchObject({ shots: 2, spendUsd: 1000 + 3e6, kills: 0 });
    expect(sector("south")).toMatchObject({ shots: 0, spendUsd: 0 });
  });

  it("charges each planner with the threats and decoys of its launch zones", () => {
    expect(planner("planner-north")).toMatchObject({
      zones: ["tabriz", "kermanshah"],
      launched: 2,
      intercepted: 1,
      crashed: 1,
      leaked: 0,
      spendUsd: 100_000,
    });
    expect(planner("planner-centre")).toMatchObject({ launched: 0, decoys: 1, spendUsd: 50_000 });
    expect(planner("planner-south")).toMatchObject({ launched: 1, leaked: 1, damage: 40 });
    expect(review.planners.some((p) => p.role === null)).toBe(false);
  });

  it("places units already standing when the events begin (a branched match)", () => {
    const moved = crewReview(scenario, events.slice(1), [{ id: "gun-1", ...at("eilat") }]);
    expect(moved.sectors.find((s) => s.sector === "south")).toMatchObject({ shots: 2, kills: 1 });
  });

  it("puts launch zones no planner holds in one row without a role", () => {
    const declared = scenario.roles?.attacker ?? [];
    const fewer = {
      ...scenario,
      roles: { ...scenario.roles, attacker: declared.filter((r) => r.id !== "planner-south") },
    };
    const rows = crewReview(fewer, events, []).planners;
    expect(rows.at(-1)).toMatchObject({ role: null, zones: ["ahvaz"], launched: 1, leaked: 1 });
  });
});
