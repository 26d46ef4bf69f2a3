import { describe, expect, it } from "vitest";
import {
  affectsGrid,
  blackoutPopulationHours,
  buildGridModel,
  casualtiesFromDamage,
  createGridState,
  type GridModel,
  type GridState,
  recomputeGrid,
  repairAssets,
} from "../../../../sim/campaign/grid.js";
import { fixtureScenario } from "./fixture.js";

// p1 → s1 → {c1 100k, c2 50k};  p1 → s2 → c3 200k;  c4 10k is off-grid.
const scenario = fixtureScenario();

function setup(): {
  model: GridModel;
  state: GridState;
  hp: Map<string, number>;
  hpOf: (id: string) => number;
} {
  const model = buildGridModel(scenario.assets, scenario.gridLinks);
  const state = createGridState();
  const hp = new Map(scenario.assets.map((a) => [a.id, a.hp]));
  return { model, state, hp, hpOf: (id) => hp.get(id) ?? 0 };
}

describe("power", () => {
  it("the intact grid powers every grid city", () => {
    const { model, state, hpOf } = setup();
    expect(recomputeGrid(model, state, hpOf)).toEqual([]);
    expect(state.blackedOut).toEqual([]);
    expect(model.gridCities.map((i) => model.ids[i])).toEqual(["c1", "c2", "c3"]);
  });

  it("a substation loss blacks out exactly the cities cut off", () => {
    const { model, state, hp, hpOf } = setup();
    hp.set("s1", 0);
    expect(recomputeGrid(model, state, hpOf)).toEqual([
      { cityId: "c1", population: 100_000, powered: false },
      { cityId: "c2", population: 50_000, powered: false },
    ]);
    expect(state.blackedOut).toEqual(["c1", "c2"]);
    expect(state.blackoutPopulation).toBe(150_000);
  });

  it("a plant loss blacks out every grid city, never the off-grid one", () => {
    const { model, state, hp, hpOf } = setup();
    hp.set("p1", -3);
    recomputeGrid(model, state, hpOf);
    expect(state.blackedOut).toEqual(["c1", "c2", "c3"]);
  });

  it("a destroyed city is dark, and only it", () => {
    const { model, state, hp, hpOf } = setup();
    hp.set("c3", 0);
    recomputeGrid(model, state, hpOf);
    expect(state.blackedOut).toEqual(["c3"]);
  });

  it("recomputing without change reports no change", () => {
    const { model, state, hp, hpOf } = setup();
    hp.set("s2", 0);
    recomputeGrid(model, state, hpOf);
    expect(recomputeGrid(model, state, hpOf)).toEqual([]);
  });

  it("only assets on the grid can change who has power", () => {
    const { model } = setup();
    expect(["p1", "s1", "s2", "c1", "c2", "c3"].every((id) => affectsGrid(model, id))).toBe(true);
    expect(affectsGrid(model, "c4")).toBe(false);
    expect(affectsGrid(model, "nowhere")).toBe(false);
  });
});

describe("population-hours", () => {
  it("accumulate per step for the blacked-out population only", () => {
    const { model, state, hp, hpOf } = setup();
    let hours = 0;
    for (let i = 0; i < 3600; i++) hours += blackoutPopulationHours(state, 0.5);
    expect(hours).toBe(0);
    hp.set("s1", 0);
    recomputeGrid(model, state, hpOf);
    for (let i = 0; i < 2 * 7200; i++) hours += blackoutPopulationHours(state, 0.5);
    expect(hours).toBeCloseTo(150_000 * 2, 3);
  });
});

describe("repairs", () => {
  it("restore up to repairHp per round, capped at the maximum, from zero for destroyed assets", () => {
    const assets = [
      { id: "a", hp: 10, hpMax: 10 },
      { id: "b", hp: 7, hpMax: 10 },
      { id: "c", hp: -4, hpMax: 10 },
      { id: "d", hp: 1, hpMax: 10 },
    ];
    expect(repairAssets(assets, 5)).toEqual([
      { assetId: "b", hp: 10 },
      { assetId: "c", hp: 5 },
      { assetId: "d", hp: 6 },
    ]);
    expect(repairAssets(assets, 0)).toEqual([]);
  });

  it("a repaired substation brings the power back", () => {
    const { model, state, hp, hpOf } = setup();
    hp.set("s1", 0);
    recomputeGrid(model, state, hpOf);
    for (const r of repairAssets([{ id: "s1", hp: 0, hpMax: 10 }], 5)) hp.set(r.assetId, r.hp);
    expect(recomputeGrid(model, state, hpOf).map((c) => [c.cityId, c.powered])).toEqual([
      ["c1", true],
      ["c2", true],
    ]);
    expect(state.blackoutPopulation).toBe(0);
  });
});

describe("casualties", () => {
  it("are perDamagePer100k × damage × population / 100k", () => {
    expect(casualtiesFromDamage(2, 300_000, 5)).toBe(30);
    expect(casualtiesFromDamage(0, 300_000, 5)).toBe(0);
  });
});
