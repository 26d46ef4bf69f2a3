import { describe, expect, it } from "vitest";
import { derivedRoles, rolesOf, sectorAt } from "../../../shared/crews.js";

const SOURCE = {
  sectors: [
    { id: "north", name: "North", at: { x: 0, y: 100 } },
    { id: "south", name: "South", at: { x: 0, y: -100 } },
  ],
  launchZones: [
    { id: "east", name: "East" },
    { id: "sea", name: "Sea" },
  ],
  allies: [{ id: "navy", name: "Allied navy" }],
};

describe("crew roles of a scenario", () => {
  it("derives the commander first, then a sector officer per sector, the sensor officer and logistics", () => {
    const roles = derivedRoles(SOURCE);
    expect(roles.defender.map((r) => r.id)).toEqual([
      "commander",
      "sector-north",
      "sector-south",
      "sensor",
      "logistics",
    ]);
    expect(roles.defender[1]).toMatchObject({
      sector: "north",
      orders: ["deploy", "remove-unit", "relocate", "set-doctrine"],
    });
    expect(roles.defender[0].orders).toContain("ready");
    expect(roles.defender[0].limit).toBe(1);
  });

  it("derives a planner per launch zone and an intelligence officer without orders; a role per ally", () => {
    const roles = derivedRoles(SOURCE);
    expect(roles.attacker.map((r) => r.id)).toEqual([
      "commander",
      "planner-east",
      "planner-sea",
      "intelligence",
    ]);
    expect(roles.attacker[1].zones).toEqual(["east"]);
    expect(roles.attacker[3].orders).toEqual([]);
    expect(roles.ally).toEqual([expect.objectContaining({ id: "navy", ally: "navy", title: "Allied navy" })]);
  });

  it("takes a side's declared roles in place of the derived ones, side by side", () => {
    const declared = [{ id: "boss", title: "Boss", orders: ["ready" as const], limit: 1 }];
    const roles = rolesOf({ ...SOURCE, roles: { attacker: declared } });
    expect(roles.attacker).toEqual(declared);
    expect(roles.defender).toEqual(derivedRoles(SOURCE).defender);
  });

  it("puts every point in the sector with the nearest centre", () => {
    expect(sectorAt(SOURCE.sectors, { x: 50, y: 1 })?.id).toBe("north");
    expect(sectorAt(SOURCE.sectors, { x: -500, y: -1 })?.id).toBe("south");
    expect(sectorAt([], { x: 0, y: 0 })).toBeUndefined();
  });
});
