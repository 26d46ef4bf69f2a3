import type { CrewRole } from "../../../shared/crews.js";
import type { MatchState, Seat } from "../../../shared/wire/state.js";
import { h } from "../dom.js";
import type { MatchContext, Part } from "./context.js";
import { type CrewSide, holders, rolesOf } from "./crew.js";

/**
 * The instructor's crew roster (docs/classroom.md, "Crews"): per side, who holds each role, the open
 * roles, and the bots or plans playing a whole side; each person can be moved to another role of their
 * side (`assign-role`; the server refuses a full role with the reason, shown next to the button).
 */
const SIDES: readonly CrewSide[] = ["defender", "attacker", "ally"];

export class CrewRoster implements Part {
  readonly el: HTMLElement;
  private readonly body = h("div", { testid: "roster" });
  private key = "";

  constructor(private readonly ctx: MatchContext) {
    this.el = h(
      "section",
      { class: "crew-sheet roster", "aria-label": "Crew roster" },
      h("h2", null, "Crews"),
      this.body,
    );
  }

  update(state: MatchState): void {
    const seats = [...state.seats.values()];
    const key = seats.map((s) => `${s.id}:${s.name}:${s.filledBy}:${s.crewRole}:${s.connected}`).join("|");
    if (key === this.key) return;
    this.key = key;
    this.body.replaceChildren(
      ...SIDES.filter((side) => rolesOf(this.ctx.scenario, side).length > 0).map((side) =>
        this.side(state, side, seats),
      ),
    );
  }

  private side(state: MatchState, side: CrewSide, seats: Seat[]): HTMLElement {
    const roles = rolesOf(this.ctx.scenario, side);
    const scripted = seats.filter((s) => s.role === side && s.filledBy !== "" && s.filledBy !== "human");
    const open = roles.filter((role) => holders(state, side, role.id).length === 0).length;
    return h(
      "div",
      { class: "roster-side", testid: `roster-${side}` },
      h(
        "div",
        { class: "row" },
        h("b", { class: "grow" }, side),
        h("span", { class: "muted", testid: `roster-open-${side}` }, `${open} of ${roles.length} open`),
      ),
      ...scripted.map((s) =>
        h("div", { class: "roster-bot muted" }, `${s.name || s.filledBy} plays the whole side`),
      ),
      h("ul", { class: "roster-roles" }, ...roles.map((role) => this.role(state, side, role, roles))),
    );
  }

  private role(state: MatchState, side: CrewSide, role: CrewRole, roles: readonly CrewRole[]): HTMLElement {
    const people = holders(state, side, role.id);
    return h(
      "li",
      { testid: `roster-role-${side}-${role.id}`, class: people.length === 0 ? "open" : "" },
      h(
        "div",
        { class: "row" },
        h("span", { class: "grow" }, role.title),
        h("span", { class: "muted num" }, people.length === 0 ? "open" : `${people.length}/${role.limit}`),
      ),
      ...people.map((person) => this.person(person, role, roles)),
    );
  }

  private person(seat: Seat, role: CrewRole, roles: readonly CrewRole[]): HTMLElement {
    const { session } = this.ctx;
    const others = roles.filter((r) => r.id !== role.id);
    const to = h(
      "select",
      { testid: `move-role-${seat.id}`, "aria-label": `Move ${seat.name} to` },
      ...others.map((r) => h("option", { value: r.id }, r.title)),
    );
    const move: HTMLButtonElement = h(
      "button",
      {
        class: "small",
        testid: `move-${seat.id}`,
        onclick: () => session.send("assign-role", { seatId: seat.id, role: to.value }, move),
      },
      "Move",
    );
    return h(
      "div",
      { class: "roster-person", testid: `holder-${seat.id}` },
      h(
        "div",
        { class: "row" },
        h("span", { class: `status-dot${seat.connected ? " on" : ""}` }),
        h("span", { class: "grow" }, seat.name || seat.id),
      ),
      others.length > 0 ? h("div", { class: "row" }, to, move) : null,
    );
  }
}
