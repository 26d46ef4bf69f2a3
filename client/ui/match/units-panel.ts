import type { Doctrine, FireMode, WeaponsControl } from "../../../shared/scenario.js";
import type { MatchState, Unit } from "../../../shared/wire/state.js";
import { shortName } from "../../../sim/review/narration.js";
import { typeName } from "../../map/coverage.js";
import { h, select, setText } from "../dom.js";
import { type MatchContext, ownUnits, type Part } from "./context.js";
import { type SeatRights, seatRights } from "./rights.js";

const WEAPONS: WeaponsControl[] = ["hold", "tight", "free"];
const WEAPONS_TITLE: Record<WeaponsControl, string> = {
  hold: "Hold: do not fire",
  tight: "Tight: fire only at identified hostiles",
  free: "Free: fire at any track",
};

/** Weapons-control buttons; `send` issues the doctrine order from the pressed button. */
export function weaponsButtons(
  current: () => string,
  send: (w: WeaponsControl, anchor: HTMLElement) => void,
  testid: string,
) {
  const seg = h("span", { class: "seg", role: "group", "aria-label": "Weapons control" });
  for (const w of WEAPONS) {
    const b = h(
      "button",
      { "data-w": w, testid: `${testid}-${w}`, title: WEAPONS_TITLE[w], onclick: () => send(w, seg) },
      w.toUpperCase(),
    );
    seg.append(b);
  }
  const refresh = () => {
    for (const b of seg.querySelectorAll("button")) {
      const on = b.dataset.w === current();
      b.classList.toggle("on", on);
      b.setAttribute("aria-pressed", String(on));
    }
  };
  return { seg, refresh };
}

interface Card {
  el: HTMLElement;
  meta: HTMLElement;
  refresh: () => void;
  fire: HTMLSelectElement;
  salvo: HTMLSelectElement;
  footprint: HTMLInputElement;
  /** The doctrine rows, the Move and the Remove button: shown only to the roles that command the unit. */
  doctrineRows: HTMLElement[];
  move: HTMLElement | null;
  remove: HTMLElement | null;
  unit: Unit;
}

/**
 * Own units with their doctrine (weapons control, salvo rules, footprint rule) and move / remove orders.
 * A crew role sees every unit of its side but the controls only of those it commands (rights.ts).
 */
export class UnitsPanel implements Part {
  readonly el: HTMLElement;
  private readonly list = h("div", { testid: "units" });
  private readonly cards = new Map<string, Card>();
  private readonly all: ReturnType<typeof weaponsButtons>;
  private readonly allRow: HTMLElement;
  private allWeapons = "";
  private readonly offSelect: () => void;

  constructor(private readonly ctx: MatchContext) {
    this.all = weaponsButtons(
      () => this.allWeapons,
      (weapons, anchor) => ctx.session.send("set-doctrine", { unitId: "all", doctrine: { weapons } }, anchor),
      "all-weapons",
    );
    this.allRow = h(
      "div",
      { class: "row", style: "margin-bottom:6px" },
      h("span", { class: "muted" }, "All units"),
      this.all.seg,
    );
    this.el = h("div", null, h("h2", null, "Units"), this.allRow, this.list);
    this.offSelect = ctx.ctl.on("select", (id) => {
      for (const [unitId, card] of this.cards) card.el.classList.toggle("selected", unitId === id);
      if (id) this.cards.get(id)?.el.scrollIntoView({ block: "nearest" });
    });
  }

  update(state: MatchState): void {
    const units = ownUnits(state, this.ctx.role, this.ctx.scenario);
    const rights = seatRights(this.ctx, state);
    this.allRow.hidden = rights !== undefined && !rights.sideWideDoctrine;
    const seen = new Set<string>();
    for (const unit of units) {
      seen.add(unit.id);
      let card = this.cards.get(unit.id);
      if (!card) {
        card = this.card(unit, state);
        this.cards.set(unit.id, card);
        this.list.append(card.el);
      }
      card.unit = unit;
      this.refresh(card, state, rights);
    }
    for (const [id, card] of this.cards) {
      if (!seen.has(id)) {
        card.el.remove();
        this.cards.delete(id);
      }
    }
    const modes = new Set(units.map((u) => u.weapons));
    this.allWeapons = modes.size === 1 ? [...modes][0] : "";
    this.all.refresh();
    if (units.length === 0 && !this.list.querySelector(".empty")) {
      this.list.append(h("p", { class: "muted empty" }, "No units yet."));
    } else if (units.length > 0) this.list.querySelector(".empty")?.remove();
  }

  private card(unit: Unit, state: MatchState): Card {
    const { session, ctl, scenario } = this.ctx;
    const id = unit.id;
    const doctrine = (patch: Partial<Doctrine>, anchor: HTMLElement) =>
      session.send("set-doctrine", { unitId: id, doctrine: patch }, anchor);
    const weapons = weaponsButtons(
      () => this.cards.get(id)?.unit.weapons ?? "",
      (w, a) => doctrine({ weapons: w }, a),
      `weapons-${id}`,
    );
    // The option says what the mode does: no hover needed (phones have none).
    const fire = select(
      [
        ["salvo", "salvo: all rounds at once"],
        ["shoot-look-shoot", "shoot-look-shoot: one, watch, fire again"],
      ],
      { "aria-label": "Fire mode", onchange: () => doctrine({ fire: fire.value as FireMode }, fire) },
    );
    const salvo = select(
      ["1", "2", "3", "4"].map((n) => [n, `${n} per target`] as [string, string]),
      { "aria-label": "Salvo size", onchange: () => doctrine({ salvoSize: Number(salvo.value) }, salvo) },
    );
    const footprint = h("input", {
      type: "checkbox",
      onchange: () => doctrine({ footprintOnly: footprint.checked }, footprint),
    });
    const layer = scenario.catalogue.layers[unit.kind];
    const actions = h("div", { class: "row", style: "margin-top:5px" });
    // Sensors move between nights only (the sensor officer's job); weapons too, unless mobile.
    const canMove = layer ? layer.mobile || state.phase !== "live" : state.phase === "planning";
    let move: HTMLElement | null = null;
    let remove: HTMLElement | null = null;
    if (canMove) {
      move = h(
        "button",
        {
          class: "small",
          testid: `move-${id}`,
          title: layer?.mobile
            ? `Relocate (takes ${Math.round(layer.relocateDelaySec / 60)} min)`
            : "Move before the night",
          onclick: () => ctl.setTool({ kind: "relocate", unitId: id }),
        },
        "Move",
      );
      actions.append(move);
    }
    const fixed = scenario.fixedUnits.some((f) => f.id === id);
    if (state.phase === "planning" && this.ctx.role === "defender" && !fixed) {
      remove = h(
        "button",
        {
          class: "small danger",
          testid: `remove-${id}`,
          onclick: () => session.send("remove-unit", { unitId: id }, remove),
        },
        "Remove",
      );
      actions.append(remove);
    }
    const meta = h("div", { class: "meta" });
    const weaponsRow = layer ? h("div", { class: "row", style: "margin-top:5px" }, weapons.seg) : null;
    const fireRow =
      layer && layer.role === "shooter"
        ? h(
            "div",
            { class: "row", style: "margin-top:5px" },
            fire,
            salvo,
            h(
              "label",
              { title: "Engage only threats predicted to hit a defended area" },
              footprint,
              " footprint",
            ),
          )
        : null;
    const el = h(
      "div",
      { class: "card", testid: `unit-${id}`, "data-unit": id },
      h(
        "div",
        {
          class: "row",
          style: "cursor:pointer",
          onclick: () => {
            ctl.select(id);
            ctl.focusOn(unit.x, unit.y);
          },
        },
        h("span", { class: "title grow" }, shortName(typeName(scenario, unit.kind))),
        h("span", { class: "muted" }, id),
      ),
      meta,
      weaponsRow,
      fireRow,
      actions,
    );
    const doctrineRows = [weaponsRow, fireRow].filter((row): row is HTMLDivElement => row !== null);
    return { el, meta, refresh: weapons.refresh, fire, salvo, footprint, doctrineRows, move, remove, unit };
  }

  private refresh(card: Card, state: MatchState, rights: SeatRights | undefined): void {
    const u = card.unit;
    const layer = this.ctx.scenario.catalogue.layers[u.kind];
    const stock = !layer
      ? "sensor"
      : u.magazine < 0 || layer.magazine === null
        ? "unlimited"
        : `${u.magazine}/${layer.magazine} in launcher`;
    const ally = u.allyId ? ` · ROE ${state.roe.get(this.allyNation(u.allyId)) ?? "?"}` : "";
    const controls = rights?.unitControls(u) ?? { doctrine: true, move: true, remove: true };
    for (const row of card.doctrineRows) row.hidden = !controls.doctrine;
    if (card.move) card.move.hidden = !controls.move;
    if (card.remove) card.remove.hidden = !controls.remove;
    const commanded = controls.doctrine || controls.move || controls.remove;
    card.el.classList.toggle("not-mine", !commanded);
    const owner = commanded || !rights ? "" : ` · ${rights.whoseUnit(u)}`;
    setText(card.meta, `${u.status} · ${stock}${ally}${owner}`);
    card.refresh();
    if (document.activeElement !== card.fire) card.fire.value = u.fire;
    if (document.activeElement !== card.salvo) card.salvo.value = String(u.salvoSize);
    card.footprint.checked = u.footprintOnly;
  }

  private allyNation(allyId: string): string {
    return this.ctx.scenario.allies.find((a) => a.id === allyId)?.nation ?? "";
  }

  destroy(): void {
    this.offSelect();
  }
}
