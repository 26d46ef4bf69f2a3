import { describe, expect, it } from "vitest";
import { allyTick, planAlly } from "../../../bots/ally.js";
import { regionAt } from "../../../shared/geo.js";
import type { SideView, UnitView } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { ctxFor, sideView, track, unit, wideFront } from "./fixtures.js";

const placed = (id: string) =>
  wideFront.allies.flatMap((a) => a.units.map((u) => ({ ...u, allyId: a.id }))).find((u) => u.id === id);
const plPatriot = placed("pl-patriot");
if (!plPatriot) throw new Error("wide-front has no pl-patriot");
/** The Polish-Ukrainian border east of the Polish Patriot, found by walking east 1 km at a time. */
const border = { ...plPatriot.at };
while (regionAt(border, wideFront.theatre.regions)?.id === "poland") border.x += 1;
/** A Patriot 20 km inside Poland: 40 km east of it is Ukraine (ROE forbids it), 40 km west is Poland. */
const allyUnit: UnitView = unit(
  "pl-patriot",
  "long-range-sam",
  { x: border.x - 20, y: border.y },
  { side: "ally", allyId: "poland-ad" },
);
const east = { x: border.x + 20, y: border.y };
const west = { x: border.x - 60, y: border.y };
const live = (overrides: Partial<SideView>) =>
  sideView("ally", { phase: "live", units: [allyUnit], ...overrides });

describe("ally bot", () => {
  it("holds fire when its nation's ROE is 'none'", () => {
    const view = sideView("ally", { units: [allyUnit], roe: { poland: "none" } });
    expect(planAlly(ctxFor("hard"), view)).toEqual([
      { type: "set-doctrine", side: "ally", unitId: "pl-patriot", doctrine: { weapons: "hold" } },
    ]);
  });

  it("fires at identified threats into a footprint when its ROE allows any engagement", () => {
    expect(planAlly(ctxFor("easy"), sideView("ally", { units: [allyUnit] }))).toEqual([
      {
        type: "set-doctrine",
        side: "ally",
        unitId: "pl-patriot",
        doctrine: { weapons: "tight", footprintOnly: true },
      },
    ]);
  });

  it("watching live, holds while every nearby track is where its ROE forbids, and reopens once one is inside", () => {
    const outside = live({ tracks: [track("t1", east, west, 0.05)] });
    expect(allyTick(ctxFor("hard"), outside)).toEqual([
      { type: "set-doctrine", side: "ally", unitId: "pl-patriot", doctrine: { weapons: "hold" } },
    ]);
    const held = { ...allyUnit, doctrine: { ...allyUnit.doctrine, weapons: "hold" as const } };
    const inside = live({ units: [held], tracks: [track("t1", west, east, 0.05)] });
    expect(allyTick(ctxFor("hard"), inside)).toEqual([
      {
        type: "set-doctrine",
        side: "ally",
        unitId: "pl-patriot",
        doctrine: { weapons: "tight", footprintOnly: true },
      },
    ]);
    expect(allyTick(ctxFor("easy"), outside)).toEqual([]);
  });

  it("orders nothing but doctrine for its own units, and the engine accepts every order", () => {
    const sim = createSimulation(wideFront, 5);
    const commands = planAlly(ctxFor("hard"), sim.view("ally"));
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) {
      expect(c).toMatchObject({ type: "set-doctrine", side: "ally" });
      expect(sim.apply(c)).toMatchObject({ ok: true });
    }
  });
});
