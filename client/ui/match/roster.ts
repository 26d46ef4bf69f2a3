import type { CrewRole } from "../../../shared/crews.js";
import type { MatchState, Seat } from "../../../shared/wire/state.js";
import { h } from "../dom.js";
import type { MatchContext, Part } from "./context.js";
import { type CrewSide, holders, isScripted, rolesOf } from "./crew.js";

/**
 * The instructor's crew roster (docs/classroom.md, "Crews"): per side, who holds each role, the open
 * roles, and the bots or plans playing a whole side; each person can be moved to another role of their
 * side (`assign-role`; the server refuses a full role with the reason, shown next to the button). An
 * open role other than the commander's can be given to a bot on a free seat of the side (`assign-seat`
 * with the role), and taken back from it.
 */
const BOT_LEVELS = ["bot:easy", "bot:normal", "bot:hard"] as const;
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
    const scripted = seats.filter((s) => s.role === side && isScripted(s) && s.crewRole === "");
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
      h(
        "ul",
        { class: "roster-roles" },
        ...roles.map((role) => this.role(state, side, role, roles, scripted.length === 0)),
      ),
    );
  }

  private role(
    state: MatchState,
    side: CrewSide,
    role: CrewRole,
    roles: readonly CrewRole[],
    crewed: boolean,
  ): HTMLElement {
    const people = holders(state, side, role.id);
    const free = [...state.seats.values()].find((seat) => seat.role === side && seat.filledBy === "");
    const botOffer =
      crewed && people.length === 0 && role !== roles[0] && free ? this.botOffer(free, role) : null;
    return h(
      "li",
      { testid: `roster-role-${side}-${role.id}`, class: people.length === 0 ? "open" : "" },
      h(
        "div",
        { class: "row" },
        h("span", { class: "grow" }, role.title),
        h("span", { class: "muted num" }, people.length === 0 ? "open" : `${people.length}/${role.limit}`),
      ),
      ...people.map((person) => (isScripted(person) ? this.bot(person) : this.person(person, role, roles))),
      botOffer,
    );
  }

  /** Give an open role to a bot of a chosen level, on a free seat of the side. */
  private botOffer(free: Seat, role: CrewRole): HTMLElement {
    const level = h(
      "select",
      { testid: `bot-level-${role.id}`, "aria-label": `Bot level for ${role.title}` },
      ...BOT_LEVELS.map((fill) => h("option", { value: fill }, fill.slice("bot:".length))),
    );
    level.value = "bot:normal";
    const give: HTMLButtonElement = h(
      "button",
      {
        class: "small",
        testid: `bot-${role.id}`,
        onclick: () =>
          this.ctx.session.send(
            "assign-seat",
            { seatId: free.id, to: level.value as (typeof BOT_LEVELS)[number], role: role.id },
            give,
          ),
      },
      "Give to a bot",
    );
    return h("div", { class: "row" }, level, give);
  }

  /** A bot in a role, and the button that takes the role back from it. */
  private bot(seat: Seat): HTMLElement {
    const remove: HTMLButtonElement = h(
      "button",
      {
        class: "small",
        testid: `unbot-${seat.id}`,
        onclick: () => this.ctx.session.send("assign-seat", { seatId: seat.id, to: "human" }, remove),
      },
      "Remove bot",
    );
    return h(
      "div",
      { class: "roster-person", testid: `holder-${seat.id}` },
      h("div", { class: "row" }, h("span", { class: "grow muted" }, seat.name || seat.filledBy), remove),
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
