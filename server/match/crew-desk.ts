import { type Command, OK, type Outcome, refusal } from "../../shared/commands.js";
import type { CompiledScenario } from "../../shared/compiled.js";
import { type Acting, actingRoles, actsWith, WHOLE_SIDE } from "../../shared/crew-rights.js";
import { type CrewWorld, crewWorld, permitOrder } from "../../shared/crew-rules.js";
import type { CrewOrder } from "../../shared/crews.js";
import type { Perspective, SideView } from "../../sim/api.js";
import type { SeatBook } from "./seats.js";

/**
 * The crews of one match (docs/classroom.md, "Crews"): which roles a seat acts for, the checks of its
 * orders against them, and the attacker commander's allocations to the strike planners (spend per
 * night, kept until changed).
 */
export class CrewDesk {
  private readonly allocations = new Map<string, number>();
  private allocationsNow: Readonly<Record<string, number>> = {};

  constructor(
    private readonly scenario: CompiledScenario,
    private readonly seats: SeatBook,
    private readonly viewOf: (perspective: Perspective) => SideView,
  ) {}

  /** The roles a seat acts for (instructor and spectators: none). */
  acting(seatId: string): Acting {
    const seat = this.seats.get(seatId);
    return seat ? actingRoles(seat, this.seats.all(), this.seats.roles) : [];
  }

  /** An order of a playing seat within its roles' rights, or why not. */
  permit(seatId: string, command: Command): Outcome {
    if (command.side === "white") return OK;
    return permitOrder(this.acting(seatId), command, this.world(command.side));
  }

  /** A control only some roles give (ready, allocate). */
  permitControl(seatId: string, order: CrewOrder, action: string): Outcome {
    const acting = this.acting(seatId);
    if (actsWith(acting, order)) return OK;
    const roles = acting === WHOLE_SIDE ? "" : acting.map((role) => role.id).join(", ");
    return refusal("not_allowed", `${roles || "this seat"} may not ${action}: that is the commander's`);
  }

  /** The attacker commander shares out the night's spend: a planner plans no more than its allocation. */
  allocate(seatId: string, roleId: string, usd: number): Outcome {
    const allowed = this.permitControl(seatId, "allocate", "allocate spend");
    if (!allowed.ok) return allowed;
    const role = this.seats.roles.attacker.find((r) => r.id === roleId);
    if (!role?.zones) {
      const planners = this.seats.roles.attacker.filter((r) => r.zones).map((r) => r.id);
      return refusal(
        "not_allowed",
        `no strike planner '${roleId}' (planners: ${planners.join(", ")})`,
        "role",
      );
    }
    this.allocations.set(roleId, usd);
    this.allocationsNow = Object.fromEntries(this.allocations);
    return OK;
  }

  /** The allocations as the attacker's economy shows them: one object, replaced when one changes. */
  readonly allocationsShown = (): Readonly<Record<string, number>> => this.allocationsNow;

  private world(side: "attacker" | "defender" | "ally"): CrewWorld {
    let view: SideView | undefined;
    const seen = () => {
      view ??= this.viewOf(side);
      return view;
    };
    return crewWorld(this.scenario, seen, (roleId) => this.allocations.get(roleId));
  }
}
