import type { WorldSnapshot } from "./api.js";
import { restoreCampaign } from "./campaign/state.js";
import type { World } from "./world.js";

/**
 * Snapshots: the whole world plus the generator's state, as JSON-safe data. The world holds no
 * derived state, so restoring it and rebuilding the indexes continues the match identically.
 */

export interface SnapshotParts {
  world: World;
  rngState: number[];
}

export function takeSnapshot(world: World, rngState: number[]): WorldSnapshot {
  return { version: 1, world: JSON.parse(JSON.stringify(world)) as World, rngState };
}

/** The parts of a snapshot (deep copies), or an Error naming what is wrong with it. */
export function readSnapshot(snapshot: WorldSnapshot): SnapshotParts {
  const world = snapshot?.world as Partial<World> | undefined;
  const rngState = snapshot?.rngState;
  if (snapshot?.version !== 1) throw new Error("snapshot: unsupported version (expected 1)");
  if (typeof world !== "object" || world === null || world.version !== 1)
    throw new Error("snapshot.world: missing");
  for (const key of ["threats", "units", "interceptors", "salvos", "assets", "counters"] as const) {
    if (!Array.isArray(world[key])) throw new Error(`snapshot.world.${key}: expected an array`);
  }
  if (!Array.isArray(rngState) || !rngState.every((n) => Number.isInteger(n))) {
    throw new Error("snapshot.rngState: expected the generator's integer state");
  }
  // The campaign's part of the world (ROE, seas, escalation, grid, economy, ...) is checked field by field.
  const campaign = restoreCampaign(world, "snapshot.world");
  if (!campaign.ok) throw new Error(campaign.error);
  return { world: JSON.parse(JSON.stringify(world)) as World, rngState: [...rngState] };
}
