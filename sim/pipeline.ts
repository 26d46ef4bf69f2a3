import type { CorePhaseName, SimContext, SimExtension, StepPhase } from "./context.js";
import { engagementPhase } from "./engagement.js";
import { impactPhase } from "./impacts.js";
import { interceptorPhase } from "./interceptors.js";
import { scheduledInjectsPhase } from "./orders/injects.js";
import { roundEndPhase, timersPhase } from "./phases.js";
import { sensorPhase } from "./sensors.js";
import { launchPhase, movementPhase } from "./threats.js";
import { trackPhase } from "./tracks.js";

/**
 * One step of the live phase is this ordered list of phase functions. Extensions (the campaign
 * layer) insert theirs after a named core phase, e.g. jamming after "movement", incidents, grid and
 * escalation after "impacts", and replace rules (ROE) without touching these.
 */

export interface PhaseEntry {
  name: string;
  run: StepPhase;
}

/** Rebuild the spatial grid over the threats in flight (positions after movement). */
function indexPhase(ctx: SimContext): void {
  ctx.scratch.ensure(ctx.world.threats.length);
  ctx.grid.rebuild(ctx.world.threats);
}

/** Drop the threats and interceptors whose flight ended this step (keeping order). */
function cleanupPhase(ctx: SimContext): void {
  const { world, ids } = ctx;
  let kept = 0;
  for (const threat of world.threats) {
    if (threat.alive) world.threats[kept++] = threat;
    else ids.threats.delete(threat.id);
  }
  world.threats.length = kept;
  kept = 0;
  for (const interceptor of world.interceptors)
    if (interceptor.alive) world.interceptors[kept++] = interceptor;
  world.interceptors.length = kept;
}

/** The white cell's scheduled injects, then the night's timers (deliveries, moves, reloads). */
function scheduledPhase(ctx: SimContext): void {
  scheduledInjectsPhase(ctx);
  timersPhase(ctx);
}

export const CORE_PIPELINE: readonly (PhaseEntry & { name: CorePhaseName })[] = [
  { name: "scheduled", run: scheduledPhase },
  { name: "launches", run: launchPhase },
  { name: "movement", run: movementPhase },
  { name: "index", run: indexPhase },
  { name: "sensors", run: sensorPhase },
  { name: "tracks", run: trackPhase },
  { name: "interceptors", run: interceptorPhase },
  { name: "impacts", run: impactPhase },
  { name: "engagement", run: engagementPhase },
  { name: "cleanup", run: cleanupPhase },
  { name: "round-end", run: roundEndPhase },
];

/** The core pipeline with every extension's phases inserted after the core phase they name. */
export function buildPipeline(extensions: readonly SimExtension[]): PhaseEntry[] {
  const pipeline: PhaseEntry[] = [];
  for (const core of CORE_PIPELINE) {
    pipeline.push(core);
    for (const extension of extensions) {
      for (const phase of extension.phases ?? []) if (phase.after === core.name) pipeline.push(phase);
    }
  }
  return pipeline;
}
