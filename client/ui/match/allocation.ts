import type { CrewRole } from "../../../shared/crews.js";
import type { MatchState } from "../../../shared/wire/state.js";
import { formatUsd } from "../../util/format.js";
import { h, setText } from "../dom.js";
import type { MatchContext, Part } from "./context.js";
import { holders } from "./crew.js";
import { seatRights } from "./rights.js";

const USD_PER_MILLION = 1e6;

interface Row {
  role: CrewRole;
  who: HTMLElement;
  planned: HTMLElement;
  input: HTMLInputElement;
}

/**
 * The attacker commander shares out the night's spend (docs/classroom.md, "Crews"): per strike planner,
 * who holds the role, what its launch zones have planned and its allocation, which the server holds the
 * planner to. A planner without an allocation may spend up to the side's budget.
 */
export class AllocationPanel implements Part {
  readonly el: HTMLElement;
  private readonly rows: Row[];

  constructor(private readonly ctx: MatchContext) {
    const planners = ctx.scenario.roles.attacker.filter(
      (role) => role.zones && role.orders.includes("plan-salvo"),
    );
    this.rows = planners.map((role) => ({
      role,
      who: h("span", { class: "muted" }),
      planned: h("span", { class: "meta" }),
      input: h("input", {
        type: "number",
        min: "0",
        step: "0.5",
        placeholder: "no limit",
        style: "width:90px",
        "aria-label": `${role.title}: allocation in millions of dollars`,
        testid: `allocation-${role.id}`,
      }),
    }));
    this.el = h(
      "div",
      { testid: "allocations" },
      h("h2", null, "Allocations · $M per night for each strike planner"),
      ...this.rows.map((row) => this.rowEl(row)),
    );
  }

  private rowEl(row: Row): HTMLElement {
    const set = h(
      "button",
      {
        class: "small",
        testid: `allocate-${row.role.id}`,
        onclick: () => {
          const millions = Number(row.input.value);
          if (row.input.value === "" || !Number.isFinite(millions) || millions < 0) {
            row.input.focus();
            return;
          }
          const usd = Math.round(millions * USD_PER_MILLION);
          this.ctx.session.send("allocate", { role: row.role.id, usd }, set);
        },
      },
      "Set",
    );
    return h(
      "div",
      { class: "card compact", "data-role": row.role.id },
      h("div", { class: "row" }, h("span", { class: "title grow" }, row.role.title), row.input, set),
      h("div", null, row.who, " ", row.planned),
    );
  }

  update(state: MatchState): void {
    const rights = seatRights(this.ctx, state);
    for (const row of this.rows) {
      const names = holders(state, "attacker", row.role.id).map((seat) => seat.name);
      setText(row.who, names.length > 0 ? names.join(", ") : "open: you plan for it");
      const allocated = rights?.allocationOf(row.role);
      const planned = rights?.plannedBy(row.role) ?? 0;
      setText(
        row.planned,
        `· planned ${formatUsd(planned)}${allocated === undefined ? "" : ` of ${formatUsd(allocated)}`}`,
      );
      if (allocated !== undefined && document.activeElement !== row.input)
        row.input.value = String(allocated / USD_PER_MILLION);
    }
  }
}
