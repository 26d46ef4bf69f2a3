import { describe, expect, it } from "vitest";
import type { Command } from "../../../shared/commands.js";
import { WHOLE_SIDE } from "../../../shared/crew-rights.js";
import {
  type CrewWorld,
  crewWorld,
  mayDeployType,
  permitOrder,
  plannableZones,
} from "../../../shared/crew-rules.js";
import { derivedRoles, sectorAt } from "../../../shared/crews.js";

const SECTORS = [
  { id: "north", name: "North", at: { x: 0, y: 100 } },
  { id: "south", name: "South", at: { x: 0, y: -100 } },
];
const ROLES = derivedRoles({
  sectors: SECTORS,
  launchZones: [{ id: "east", name: "East" }],
  allies: [{ id: "navy", name: "Navy" }],
});
const role = (side: "attacker" | "defender" | "ally", id: string) => {
  const found = ROLES[side].find((r) => r.id === id);
  if (!found) throw new Error(id);
  return [found];
};
const UNITS: Record<string, { x: number; y: number; kind: string; allyId: string }> = {
  "sam-n": { x: 0, y: 90, kind: "sam", allyId: "" },
  "radar-s": { x: 0, y: -90, kind: "radar", allyId: "" },
  ship: { x: 0, y: 80, kind: "ship", allyId: "navy" },
};
const world = (allocations: Record<string, number> = {}, plannedUsd = 0): CrewWorld => ({
  sectorAt: (p) => sectorAt(SECTORS, p),
  sectorName: (id) => SECTORS.find((s) => s.id === id)?.name ?? id,
  isSensor: (kind) => kind === "radar",
  unit: (id) => UNITS[id],
  salvoZone: (id) => (id === "s-1" ? "east" : "west"),
  salvoUsd: (_type, count) => count * 1000,
  plannedUsd: () => plannedUsd,
  allocationUsd: (id) => allocations[id],
});
const deploy = (x: number, y: number, unitType = "sam"): Command => ({
  type: "deploy",
  side: "defender",
  unitType,
  at: { x, y },
});
const relocate = (unitId: string, x: number, y: number, side: "defender" | "ally" = "defender"): Command => ({
  type: "relocate",
  side,
  unitId,
  to: { x, y },
});
const salvo = (zone: string, count: number): Command => ({
  type: "plan-salvo",
  side: "attacker",
  zone,
  threatType: "drone",
  count,
  launchAtSec: 0,
  intervalSec: 10,
  target: "city",
  waypoints: [],
});

describe("what a crew role may order", () => {
  it("lets a sector officer deploy, relocate and set doctrine inside the sector only", () => {
    const north = role("defender", "sector-north");
    expect(permitOrder(north, deploy(10, 80), world()).ok).toBe(true);
    expect(permitOrder(north, deploy(10, -80), world())).toMatchObject({
      code: "not_allowed",
      message: "sector-north may only deploy units inside sector North",
    });
    expect(permitOrder(north, relocate("sam-n", 5, 60), world()).ok).toBe(true);
    expect(permitOrder(north, relocate("sam-n", 5, -60), world()).ok).toBe(false);
    expect(permitOrder(north, relocate("radar-s", 5, 60), world()).ok).toBe(false);
    const doctrine = (unitId: string): Command => ({
      type: "set-doctrine",
      side: "defender",
      unitId,
      doctrine: { weapons: "free" },
    });
    expect(permitOrder(north, doctrine("sam-n"), world()).ok).toBe(true);
    expect(permitOrder(north, doctrine("all"), world())).toMatchObject({
      message: expect.stringContaining("side-wide"),
    });
    expect(
      permitOrder(north, { type: "buy-resupply", side: "defender", layer: "sam", count: 1 }, world()),
    ).toMatchObject({
      code: "not_allowed",
      message: expect.stringMatching(/^sector-north may not buy resupply/),
    });
  });

  it("leaves unknown units to the simulation to refuse", () => {
    expect(permitOrder(role("defender", "sector-north"), relocate("ghost", 0, 90), world()).ok).toBe(true);
  });

  it("lets the sensor officer handle sensors anywhere, and nothing else", () => {
    const sensor = role("defender", "sensor");
    expect(permitOrder(sensor, deploy(0, -80, "radar"), world()).ok).toBe(true);
    expect(permitOrder(sensor, deploy(0, -80, "sam"), world()).ok).toBe(false);
    expect(permitOrder(sensor, relocate("radar-s", 0, 80), world()).ok).toBe(true);
    expect(permitOrder(sensor, relocate("sam-n", 0, 80), world()).ok).toBe(false);
  });

  it("lets an ally's role move only that ally's units", () => {
    const navy = role("ally", "navy");
    expect(permitOrder(navy, relocate("ship", 0, 70, "ally"), world()).ok).toBe(true);
    expect(permitOrder(navy, relocate("sam-n", 0, 70, "ally"), world())).toMatchObject({
      message: "navy may only relocate units of navy",
    });
  });

  it("keeps a planner to its launch zones and within the commander's allocation", () => {
    const planner = role("attacker", "planner-east");
    expect(permitOrder(planner, salvo("east", 5), world()).ok).toBe(true);
    expect(permitOrder(planner, salvo("west", 5), world())).toMatchObject({
      message: "planner-east may only plan salvos from its launch zones (east)",
    });
    expect(permitOrder(planner, salvo("east", 5), world({ "planner-east": 8000 }, 3000)).ok).toBe(true);
    expect(permitOrder(planner, salvo("east", 6), world({ "planner-east": 8000 }, 3000))).toMatchObject({
      message: expect.stringMatching(/^planner-east may not spend beyond its allocation/),
    });
    const cancel = (salvoId: string): Command => ({ type: "cancel-salvo", side: "attacker", salvoId });
    expect(permitOrder(planner, cancel("s-1"), world()).ok).toBe(true);
    expect(permitOrder(planner, cancel("s-2"), world()).ok).toBe(false);
  });

  it("gives intelligence no orders, and the whole side every order", () => {
    expect(permitOrder(role("attacker", "intelligence"), salvo("east", 1), world())).toMatchObject({
      message: expect.stringMatching(/^intelligence may not plan salvos/),
    });
    expect(permitOrder(WHOLE_SIDE, salvo("west", 500), world({ "planner-east": 0 })).ok).toBe(true);
  });

  it("allows an order when any of the roles a person acts for allows it", () => {
    const acting = [...role("defender", "sector-north"), ...role("defender", "sector-south")];
    expect(permitOrder(acting, deploy(0, -80), world()).ok).toBe(true);
    expect(permitOrder(acting, deploy(0, 80), world()).ok).toBe(true);
  });
});

describe("the crew world and what a role's screen offers", () => {
  const scenario = {
    sectors: SECTORS,
    catalogue: { sensors: { radar: {} }, threats: { drone: { costUsd: 20_000 } } },
  };
  const picture = {
    units: Object.entries(UNITS).map(([id, unit]) => ({ id, ...unit })),
    salvos: [
      { id: "s-1", zone: "east", threatType: "drone", count: 10 },
      { id: "s-2", zone: "west", threatType: "drone", count: 5 },
    ],
  };
  const built = crewWorld(
    scenario,
    () => picture,
    (id) => (id === "planner-east" ? 500_000 : undefined),
  );

  it("reads sectors, sensors, units, salvos and allocations from one side's picture", () => {
    expect(built.sectorAt({ x: 5, y: 70 })?.id).toBe("north");
    expect(built.isSensor("radar")).toBe(true);
    expect(built.isSensor("sam")).toBe(false);
    expect(built.unit("ship")?.allyId).toBe("navy");
    expect(built.salvoZone("s-2")).toBe("west");
    expect(built.plannedUsd(["east"])).toBe(200_000);
    expect(built.allocationUsd("planner-east")).toBe(500_000);
  });

  it("offers a sensor officer only sensors to deploy, a sector officer everything in its sector", () => {
    expect(mayDeployType(role("defender", "sensor"), "radar", built)).toBe(true);
    expect(mayDeployType(role("defender", "sensor"), "sam", built)).toBe(false);
    expect(mayDeployType(role("defender", "sector-north"), "sam", built)).toBe(true);
    expect(mayDeployType(role("defender", "logistics"), "sam", built)).toBe(false);
    expect(mayDeployType(WHOLE_SIDE, "sam", built)).toBe(true);
  });

  it("gives a planner its own launch zones, and any zone to a seat acting for the whole side", () => {
    expect(plannableZones(role("attacker", "planner-east"))).toEqual(["east"]);
    expect(plannableZones(role("attacker", "commander"))).toEqual([]);
    expect(plannableZones(WHOLE_SIDE)).toBeUndefined();
  });
});
