import type { Command, SimEvent, Simulation } from "../../../sim/api.js";

/** Helpers that state a test's orders and run its nights (on the base theatre of test/support/scenario.ts). */

/** Apply commands, failing loudly on any rejection (tests state their setup as accepted orders). */
export function applyAll(sim: Simulation, commands: Command[]): SimEvent[] {
  const events: SimEvent[] = [];
  for (const command of commands) {
    const result = sim.apply(command);
    if (!result.ok)
      throw new Error(`${command.type} rejected: ${result.code} ${result.path ?? ""} ${result.message}`);
    events.push(...result.events);
  }
  return events;
}

/** Step until the phase leaves "live" (or a step limit), collecting every event. */
export function runLive(sim: Simulation, maxSteps = 100_000): SimEvent[] {
  const events: SimEvent[] = [];
  for (let i = 0; i < maxSteps && sim.phase === "live"; i++) events.push(...sim.step());
  return events;
}

/** Step n times, collecting events. */
export function stepN(sim: Simulation, n: number): SimEvent[] {
  const events: SimEvent[] = [];
  for (let i = 0; i < n; i++) events.push(...sim.step());
  return events;
}

export const WHITE = {
  startLive: { type: "start-live", side: "white" } as Command,
  endLive: { type: "end-live", side: "white" } as Command,
  nextRound: { type: "next-round", side: "white" } as Command,
};

export const deploy = (
  unitType: string,
  x: number,
  y: number,
  extra: Partial<Extract<Command, { type: "deploy" }>> = {},
): Command => ({
  type: "deploy",
  side: "defender",
  unitType,
  at: { x, y },
  ...extra,
});

export const salvo = (extra: Partial<Extract<Command, { type: "plan-salvo" }>> = {}): Command => ({
  type: "plan-salvo",
  side: "attacker",
  zone: "east",
  threatType: "drone",
  count: 1,
  launchAtSec: 0,
  intervalSec: 10,
  target: "capital",
  waypoints: [],
  ...extra,
});

export function ofType<T extends SimEvent["type"]>(
  events: SimEvent[],
  type: T,
): Extract<SimEvent, { type: T }>[] {
  return events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
}

/** The orders of a small but busy two-night match on the fixture: every layer, every threat class. */
export function busyMatchOrders(round: number): Command[] {
  const orders: Command[] = [
    salvo({ zone: "north", count: 20, intervalSec: 15, waypoints: [{ x: 0, y: 120 }] }),
    salvo({ threatType: "decoy", count: 10, intervalSec: 20, launchAtSec: 100 }),
    salvo({ threatType: "cruise", count: 4, intervalSec: 60, launchAtSec: 600, target: "plant" }),
    salvo({
      threatType: "ballistic",
      count: 2,
      intervalSec: 30,
      launchAtSec: 3000,
      target: "capital",
      waypoints: [{ x: 0, y: 0 }],
    }),
  ];
  if (round === 1) {
    orders.push(
      deploy("radar", -50, 0),
      deploy("acoustic", -120, 60),
      deploy("sam", -180, 10, { doctrine: { salvoSize: 2 } }),
      deploy("point", -195, 5),
      deploy("gun", -140, 55),
      deploy("gun", -60, 100, { doctrine: { weapons: "free" } }),
      deploy("mobile", -100, 110, { doctrine: { weapons: "free" } }),
    );
  } else {
    orders.push({ type: "buy-resupply", side: "defender", layer: "sam", count: 4 });
  }
  return orders;
}

/** Play a whole match with `busyMatchOrders`, optionally pausing after `pauseAtStep` steps. */
export function playBusyMatch(
  sim: Simulation,
  onStep?: (sim: Simulation, stepNo: number) => void,
): SimEvent[] {
  const events: SimEvent[] = [];
  let stepNo = 0;
  while (sim.phase !== "ended") {
    if (sim.phase === "planning") {
      for (const command of busyMatchOrders(sim.round)) {
        const result = sim.apply(command);
        if (result.ok) events.push(...result.events);
      }
      events.push(...applyAll(sim, [WHITE.startLive]));
    } else if (sim.phase === "live") {
      events.push(...sim.step());
      onStep?.(sim, ++stepNo);
    } else events.push(...applyAll(sim, [WHITE.nextRound]));
  }
  return events;
}
