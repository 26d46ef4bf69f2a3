import { describe, expect, it } from "vitest";
import { borderKm, JAMMER_BORDER_KM } from "../../../bots/defender/escalation.js";
import { defenderTick } from "../../../bots/defender/live.js";
import { threatPicture } from "../../../bots/defender/picture.js";
import { planDefence } from "../../../bots/defender/plan.js";
import { createBot } from "../../../bots/index.js";
import { newDefenderMemory } from "../../../bots/memory.js";
import type { Command } from "../../../sim/api.js";
import { createSimulation } from "../../../sim/index.js";
import { assetAt, ctxFor, pub, sideView, track, unit, wideFront } from "./fixtures.js";

type Deploy = Extract<Command, { type: "deploy" }>;
const deploysOf = (commands: Command[]) => commands.filter((c): c is Deploy => c.type === "deploy");
const costOf = (type: string) =>
  wideFront.catalogue.layers[type]?.deployCostUsd ?? wideFront.catalogue.sensors[type]?.deployCostUsd ?? 0;
const liveView = (overrides: Parameters<typeof sideView>[1]) =>
  sideView("defender", { phase: "live", ...overrides });

describe("defender bot: planning", () => {
  for (const level of ["easy", "normal", "hard"] as const) {
    it(`${level}: deploys within its budget, on its own land, orders the engine accepts`, () => {
      const sim = createSimulation(wideFront, 3);
      const view = sim.view("defender");
      const commands = createBot({ side: "defender", level, scenario: wideFront, seed: 3 }).onPlanning(
        1,
        view,
      );
      const deploys = deploysOf(commands);
      expect(deploys.length).toBeGreaterThan(3);
      expect(deploys.reduce((s, d) => s + costOf(d.unitType), 0)).toBeLessThanOrEqual(
        view.budgetUsd.defender as number,
      );
      for (const c of commands) expect(sim.apply(c)).toMatchObject({ ok: true });
    });
  }

  it("covers the assets worth most: every nuclear plant gets a shooter within reach", () => {
    const deploys = deploysOf(
      planDefence(
        ctxFor("hard"),
        sideView("defender", { budgetUsd: { defender: 500e6 } }),
        newDefenderMemory(),
      ),
    );
    for (const plant of ["khmelnytskyi-npp", "rivne-npp", "south-ukraine-npp"]) {
      const at = assetAt(plant);
      const covering = deploys.filter((d) => {
        const layer = wideFront.catalogue.layers[d.unitType];
        return layer && layer.role !== "jammer" && Math.hypot(d.at.x - at.x, d.at.y - at.y) <= layer.reachKm;
      });
      expect(covering.length, plant).toBeGreaterThan(0);
    }
  });

  it("hard stocks BMD rounds for expected ballistic threats before anything else; easy buys nothing", () => {
    // Night 1 started with 24 medium-SAM rounds; 4 are left: 20 were used.
    const view = sideView("defender", {
      round: 2,
      budgetUsd: { defender: 200e6 },
      units: [
        unit("kyiv-patriot", "long-range-sam", assetAt("kyiv")),
        unit("sam-1", "medium-sam", assetAt("odesa"), { magazine: 4 }),
      ],
      stocks: {},
    });
    const memory = () => ({
      ...newDefenderMemory(),
      round: 1,
      roundsAtLiveStart: { "medium-sam": 24, "long-range-sam": 16 },
    });
    const buys = (level: "easy" | "hard") =>
      planDefence(ctxFor(level), view, memory()).filter((c) => c.type === "buy-resupply");
    expect(buys("easy")).toEqual([]);
    const hard = buys("hard");
    expect(hard[0]).toMatchObject({ layer: "long-range-sam" });
    expect(hard.find((c) => c.type === "buy-resupply" && c.layer === "medium-sam")).toMatchObject({
      count: 24,
    });
  });

  it("expects more pressure on assets it saw hit, when it adapts", () => {
    const mem = { ...newDefenderMemory(), round: 1, damage: { odesa: 20 } };
    const odesaShare = (level: "easy" | "hard") => threatPicture(ctxFor(level), mem, 2).targetShare.odesa;
    expect(odesaShare("hard")).toBeGreaterThan(2 * odesaShare("easy"));
  });
});

describe("defender bot: live", () => {
  const kyiv = assetAt("kyiv");
  const patriot = unit("kyiv-patriot", "long-range-sam", kyiv, { magazine: 16 });
  const farAway = { x: kyiv.x + 150, y: kyiv.y + 150 };

  it("keeps BMD interceptors on hold while only drones are about", () => {
    const view = liveView({
      units: [patriot],
      stocks: { "long-range-sam": 24 },
      tracks: [track("d1", { x: kyiv.x + 20, y: kyiv.y }, kyiv, 0.05)],
    });
    expect(defenderTick(ctxFor("hard"), view, newDefenderMemory())).toEqual([
      {
        type: "set-doctrine",
        side: "defender",
        unitId: "kyiv-patriot",
        doctrine: { weapons: "hold", footprintOnly: true },
      },
    ]);
  });

  it("releases them against a ballistic track, and against cruise missiles only while stocks last", () => {
    const ballistic = liveView({
      units: [patriot],
      stocks: { "long-range-sam": 24 },
      tracks: [track("b1", farAway, kyiv, 2)],
    });
    expect(defenderTick(ctxFor("hard"), ballistic, newDefenderMemory())[0]).toMatchObject({
      doctrine: { weapons: "free" },
    });
    const cruise = (stock: number, magazine: number) =>
      liveView({
        units: [{ ...patriot, magazine }],
        stocks: { "long-range-sam": stock },
        tracks: [track("c1", { x: kyiv.x + 60, y: kyiv.y }, kyiv, 0.22)],
      });
    expect(defenderTick(ctxFor("hard"), cruise(24, 16), newDefenderMemory())).toEqual([]);
    expect(defenderTick(ctxFor("hard"), cruise(0, 4), newDefenderMemory())[0]).toMatchObject({
      doctrine: { weapons: "hold" },
    });
  });

  it("easy never changes doctrine live", () => {
    const view = liveView({ units: [patriot], tracks: [track("b1", farAway, kyiv, 2)] });
    expect(defenderTick(ctxFor("easy"), view, newDefenderMemory())).toEqual([]);
  });

  it("moves a mobile group in front of the asset drones head for, at most once per decision interval", () => {
    const kharkiv = assetAt("kharkiv");
    const group = unit("mfg-1", "mobile-fire-group", { x: kharkiv.x - 60, y: kharkiv.y }, { magazine: -1 });
    const drones = [0, 1, 2].map((i) =>
      track(`d${i}`, { x: kharkiv.x + 90, y: kharkiv.y + 40 + i }, kharkiv, 0.05),
    );
    const mem = newDefenderMemory();
    const first = defenderTick(ctxFor("hard"), liveView({ clock: 100, units: [group], tracks: drones }), mem);
    expect(first).toHaveLength(1);
    const order = first[0] as Extract<Command, { type: "relocate" }>;
    expect(order).toMatchObject({ type: "relocate", unitId: "mfg-1" });
    expect(Math.hypot(order.to.x - kharkiv.x, order.to.y - kharkiv.y)).toBeLessThanOrEqual(
      wideFront.assets.find((a) => a.id === "kharkiv")?.footprintKm ?? 0,
    );
    // East of the city: the side the drones come from.
    expect(order.to.x).toBeGreaterThan(kharkiv.x);
    expect(
      defenderTick(ctxFor("hard"), liveView({ clock: 110, units: [group], tracks: drones }), mem),
    ).toEqual([]);
    expect(
      defenderTick(
        ctxFor("easy"),
        liveView({ clock: 100, units: [group], tracks: drones }),
        newDefenderMemory(),
      ),
    ).toEqual([]);
  });

  it("holds jammers near a border while escalation runs high, and only escalation-aware levels do", () => {
    const lviv = assetAt("lviv");
    const jammer = unit("ew-1", "ew-jammer", lviv, { magazine: -1 });
    const tense = liveView({ clock: 0, escalation: 35, units: [jammer] });
    expect(defenderTick(ctxFor("hard"), tense, newDefenderMemory())).toEqual([
      { type: "set-doctrine", side: "defender", unitId: "ew-1", doctrine: { weapons: "hold" } },
    ]);
    expect(defenderTick(ctxFor("easy"), tense, newDefenderMemory())).toEqual([]);
    const calm = liveView({
      clock: 0,
      escalation: 5,
      units: [{ ...jammer, doctrine: { ...jammer.doctrine, weapons: "hold" } }],
    });
    expect(defenderTick(ctxFor("hard"), calm, newDefenderMemory())).toEqual([
      { type: "set-doctrine", side: "defender", unitId: "ew-1", doctrine: { weapons: "free" } },
    ]);
  });

  it("deploys jammers well away from neighbours when it minds escalation", () => {
    // Jammers that spoof most drones they reach are worth buying: where does the bot put them?
    const ctx = ctxFor("hard");
    const potent = { ...ctx, pub: structuredClone(ctx.pub) };
    potent.pub.catalogue.layers["ew-jammer"].jamPerSec = 0.003;
    const deploys = deploysOf(
      planDefence(potent, sideView("defender", { budgetUsd: { defender: 500e6 } }), newDefenderMemory()),
    );
    const jammers = deploys.filter((d) => d.unitType === "ew-jammer");
    expect(jammers.length).toBeGreaterThan(0);
    for (const j of jammers) expect(borderKm(pub, j.at)).toBeGreaterThanOrEqual(JAMMER_BORDER_KM);
  });
});
