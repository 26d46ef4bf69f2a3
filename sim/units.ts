import type { CompiledScenario } from "../shared/compiled.js";
import type { Doctrine, PointKm } from "../shared/scenario.js";
import type { CatalogueIndex } from "./catalogue.js";
import type { UnitState, World } from "./world.js";

/** Unit creation, shared by the scenario's own units and the defender's deployments. */

export interface NewUnit {
  id: string;
  side: "defender" | "ally";
  allyId: string;
  type: string;
  at: PointKm;
  doctrine?: Partial<Doctrine>;
  fixed: boolean;
  deployedRound: number;
  revealed: boolean;
}

export function createUnit(cat: CatalogueIndex, spec: NewUnit): UnitState {
  const layer = cat.layers.get(spec.type);
  const defaults: Doctrine = layer?.defaultDoctrine ?? {
    weapons: "hold",
    fire: "salvo",
    salvoSize: 1,
    footprintOnly: false,
    reserve: [],
  };
  return {
    id: spec.id,
    side: spec.side,
    allyId: spec.allyId,
    type: spec.type,
    role: layer ? layer.def.role : "sensor",
    x: spec.at.x,
    y: spec.at.y,
    doctrine: { ...defaults, ...spec.doctrine },
    magazine: layer ? (layer.def.magazine ?? -1) : 0,
    reloadUntil: -1,
    nextShotAt: 0,
    relocating: null,
    revealed: spec.revealed,
    fixed: spec.fixed,
    deployedRound: spec.deployedRound,
  };
}

const inPlay = (u: { enabled?: boolean }) => u.enabled !== false;

/** The defender's fixed units and every ally's units, as the scenario places them (those enabled). */
export function scenarioUnits(scenario: CompiledScenario, cat: CatalogueIndex): UnitState[] {
  const units = scenario.fixedUnits.filter(inPlay).map((u) =>
    createUnit(cat, {
      ...u,
      side: "defender",
      allyId: "",
      fixed: true,
      deployedRound: 0,
      revealed: u.known,
    }),
  );
  for (const ally of scenario.allies) {
    for (const u of ally.units.filter(inPlay)) {
      units.push(
        createUnit(cat, {
          ...u,
          side: "ally",
          allyId: ally.id,
          fixed: true,
          deployedRound: 0,
          revealed: u.known,
        }),
      );
    }
  }
  return units;
}

/** A fresh unit id that no unit uses yet. */
export function nextUnitId(world: World, taken: (id: string) => boolean): string {
  let id = `u-${world.nextSeq.unit++}`;
  while (taken(id)) id = `u-${world.nextSeq.unit++}`;
  return id;
}
