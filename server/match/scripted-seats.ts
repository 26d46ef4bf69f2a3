import { OK, type Outcome, refusal } from "../../shared/commands.js";
import type { SeatFill } from "../../shared/protocol.js";
import type { Command, CommandResult, Perspective, SideView } from "../../sim/api.js";
import type { Logger } from "../log.js";
import {
  type BotFactory,
  type ControllerContext,
  createController,
  type SeatController,
} from "./scripted.js";
import { isPlayingRole, type SeatBook } from "./seats.js";

/**
 * The seats played by software: each has a controller (a default plan or a bot) that plans when a
 * planning phase starts and acts on every live tick, from its side's view only. Its orders go through
 * the match like a person's, recorded as `plan:<seat id>`. A controller in a crew role plans for the
 * whole side as usual, and only the orders within its role's rights go through (shared/crew-rules.ts).
 */
export class ScriptedSeats {
  private readonly controllers = new Map<string, SeatController>();

  constructor(
    private readonly seats: SeatBook,
    private readonly context: Omit<ControllerContext, "side">,
    private readonly bots: BotFactory | undefined,
    private readonly apply: (command: Command, by: string) => CommandResult,
    private readonly permit: (seatId: string, command: Command) => Outcome,
    private readonly log: Logger,
  ) {}

  /** Hand a playing seat to a controller for `fill`, for the whole side or for one crew role. */
  start(seatId: string, fill: Exclude<SeatFill, "human">, crewRole = ""): Outcome {
    const seat = this.seats.get(seatId);
    if (!seat || !isPlayingRole(seat.role)) return refusal("not_allowed", "not a playing seat", "seatId");
    const controller = createController(fill, { ...this.context, side: seat.role }, this.bots);
    if (typeof controller === "string") return refusal("not_allowed", controller, "to");
    this.seats.assign(seatId, fill, crewRole);
    this.controllers.set(seatId, controller);
    return OK;
  }

  stop(seatId: string): void {
    this.controllers.delete(seatId);
  }

  /** Every scripted seat plans the round (a planning phase has started). */
  planAll(round: number, viewOf: (perspective: Perspective) => SideView): void {
    for (const seatId of this.controllers.keys()) this.plan(seatId, round, viewOf);
  }

  /** One seat plans the round (it was handed over during planning, or planning started). */
  plan(seatId: string, round: number, viewOf: (perspective: Perspective) => SideView): void {
    const role = this.seats.get(seatId)?.role;
    const controller = this.controllers.get(seatId);
    if (!controller || !role || !isPlayingRole(role)) return;
    this.applyAll(seatId, controller.onPlanning(round, viewOf(role)));
  }

  /** A live tick: each controller reads its side's view and may give orders. */
  tick(views: ReadonlyMap<Perspective, SideView>): void {
    for (const [seatId, controller] of this.controllers) {
      const role = this.seats.get(seatId)?.role;
      const view = role && isPlayingRole(role) ? views.get(role) : undefined;
      if (controller.onTick && view) this.applyAll(seatId, controller.onTick(view));
    }
  }

  private applyAll(seatId: string, commands: Command[]): void {
    for (const command of commands) {
      if (!this.permit(seatId, command).ok) continue;
      const result = this.apply(command, `plan:${seatId}`);
      if (!result.ok)
        this.log.warn({ seatId, command: command.type, reason: result.message }, "scripted order refused");
    }
  }
}
