import type { Seat } from "../../bots/driver.js";
import type { RecordedCommand } from "../../shared/history.js";
import type { Command, Side } from "../../sim/api.js";
import { openDb } from "../store/db.js";
import { getListing, loadCommands } from "../store/records.js";
import { CliError } from "./args.js";

/**
 * "As played" (`--attacker record:<match id>`): a side plays again the orders it gave in a recorded
 * match, on any seed. Orders given before or between nights are given in the planning phase they
 * preceded; orders given during a night at the first moment the driver asks the seat at or after the
 * time they were given (the bots' cadence, bots/context.ts BOT_TICK_SEC). An order the new night does
 * not allow (a track that does not exist on this seed) is refused like any other. The white cell's
 * orders are not replayed: a variant is how an analysis changes the scenario (docs/analysis.md).
 */

/** The recorded orders of a match, read from the history database at `dbPath`. */
export function loadPlayedOrders(dbPath: string, matchId: string, scenario: string): RecordedCommand[] {
  const path = `--db ${dbPath}`;
  let db: ReturnType<typeof openDb>;
  try {
    db = openDb(dbPath, { readonly: true });
  } catch (error) {
    throw new CliError(path, `cannot open the history database: ${(error as Error).message}`);
  }
  try {
    const listing = getListing(db, matchId);
    if (!listing) throw new CliError(`record:${matchId}`, `no recorded match '${matchId}' in ${dbPath}`);
    if (listing.scenario !== scenario) {
      throw new CliError(
        `record:${matchId}`,
        `the match played '${listing.scenario}', not the scenario '${scenario}'`,
      );
    }
    return loadCommands(db, matchId);
  } finally {
    db.close();
  }
}

/** The round whose planning phase an order given outside a night belongs to. */
function planningRound(order: RecordedCommand): number {
  return order.phase === "planning" ? order.round : order.round + 1;
}

/** A seat giving `side`'s recorded orders again. */
export function playedSeat(orders: readonly RecordedCommand[], side: Side): Seat {
  const own = orders.filter((o) => o.command.side === side);
  const live = own.filter((o) => o.phase === "live");
  let nextLive = 0;
  return {
    onPlanning: (round) =>
      own.filter((o) => o.phase !== "live" && planningRound(o) === round).map((o) => o.command),
    onTick: (view) => {
      const due: Command[] = [];
      // Orders of nights already over were missed (the night ended sooner on this seed): skip them.
      while (nextLive < live.length && live[nextLive].round < view.round) nextLive++;
      while (
        nextLive < live.length &&
        live[nextLive].round === view.round &&
        live[nextLive].t <= view.clock
      ) {
        due.push(live[nextLive].command);
        nextLive++;
      }
      return due;
    },
  };
}
