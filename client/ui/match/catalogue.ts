import type { MatchState } from "../../../shared/wire/state.js";
import { deployCostUsd } from "../../map/coverage.js";
import { formatKm, formatUsd } from "../../util/format.js";
import { h, setText } from "../dom.js";
import { economyOf, type MatchContext, type Part } from "./context.js";
import type { SeatRights } from "./rights.js";

interface Item {
  type: string;
  button: HTMLButtonElement;
  stock: HTMLElement;
  cost: number;
}

/**
 * The defender's catalogue: every layer and sensor the seat's crew roles may deploy, with its costs, a
 * Place button (then click the map), the budget left, and the sector to place in for a sector officer.
 */
export class CataloguePanel implements Part {
  readonly el: HTMLElement;
  private readonly budget = h("div", { class: "budget", testid: "budget" });
  private readonly items: Item[] = [];
  private readonly offTool: () => void;

  constructor(
    private readonly ctx: MatchContext,
    rights: SeatRights | undefined,
  ) {
    const { layers, sensors } = ctx.scenario.catalogue;
    const list = h("div", { testid: "catalogue" });
    const deployable = (type: string) => rights?.mayDeploy(type) ?? true;
    for (const [type, layer] of Object.entries(layers)) {
      if (layer.seaOnly || !deployable(type)) continue;
      const facts = [
        `reach ${formatKm(layer.reachKm)}`,
        layer.reachVsBallisticKm ? `BMD ${formatKm(layer.reachVsBallisticKm)}` : null,
        layer.magazine === null ? "unlimited" : `${layer.magazine} rounds`,
        layer.costPerShotUsd > 0 ? `${formatUsd(layer.costPerShotUsd)}/shot` : null,
        layer.mobile ? "mobile" : null,
      ].filter(Boolean);
      list.append(this.item(type, layer.name, layer.deployCostUsd, facts.join(" · ")));
    }
    for (const [type, sensor] of Object.entries(sensors)) {
      if (!deployable(type)) continue;
      const facts = `${sensor.kind} · ${formatKm(sensor.rangeKm)} · mast ${sensor.heightM} m · bands ${sensor.bands.join("/")}`;
      list.append(this.item(type, sensor.name, sensor.deployCostUsd, facts));
    }
    this.el = h(
      "div",
      null,
      h("h2", null, "Budget"),
      this.budget,
      h(
        "h2",
        {
          title:
            "Press Place, then pick the spot on the map: the preview shows the weapon reach (blue), radar coverage per altitude band and the cities covered.",
        },
        "Catalogue · press Place, then pick the spot on the map",
      ),
      sectorNote(rights?.sectors() ?? []),
      list,
    );
    this.offTool = ctx.ctl.on("tool", (tool) => {
      for (const item of this.items) {
        const on = tool.kind === "place" && tool.unitType === item.type;
        item.button.classList.toggle("on", on);
        item.button.setAttribute("aria-pressed", String(on));
      }
    });
  }

  private item(type: string, fullName: string, cost: number, facts: string): HTMLElement {
    // "Medium SAM (NASAMS/IRIS-T-class)": the short name as title, the example class with the facts.
    const [name, example] = splitName(fullName);
    const { ctl } = this.ctx;
    const button = h(
      "button",
      {
        class: "small",
        testid: `place-${type}`,
        "aria-pressed": "false",
        onclick: () => {
          const active = ctl.tool.kind === "place" && ctl.tool.unitType === type;
          ctl.setTool(active ? { kind: "pan" } : { kind: "place", unitType: type });
        },
      },
      "Place",
    );
    const stock = h("span", { class: "num" });
    this.items.push({ type, button, stock, cost: deployCostUsd(this.ctx.scenario, type) });
    return h(
      "div",
      { class: "card compact", "data-type": type, title: fullName },
      h(
        "div",
        { class: "row" },
        h("span", { class: "title grow" }, name),
        h("span", { class: "money" }, formatUsd(cost)),
        button,
      ),
      h("div", { class: "meta" }, example ? `${example} · ${facts}` : facts, " ", stock),
    );
  }

  update(state: MatchState): void {
    const economy = economyOf(state, "defender");
    const budget = economy?.budgetUsd ?? 0;
    setText(this.budget, economy ? `${formatUsd(budget)} left` : "—");
    for (const item of this.items) {
      item.button.disabled = economy !== undefined && item.cost > budget;
      item.button.title = item.button.disabled
        ? `Costs ${formatUsd(item.cost)}, ${formatUsd(budget)} left`
        : "Place on the map";
      const depot = economy?.stocks.get(item.type);
      setText(item.stock, depot !== undefined ? `· depot ${depot}` : "");
    }
  }

  destroy(): void {
    this.offTool();
    if (this.ctx.ctl.tool.kind === "place") this.ctx.ctl.setTool({ kind: "pan" });
  }
}

/** Where a sector officer may place: inside their sector (the server refuses anywhere else). */
function sectorNote(sectors: readonly string[]): HTMLElement | null {
  if (sectors.length === 0) return null;
  const names = sectors.join(" or ");
  return h(
    "p",
    { class: "muted", testid: "sector-note" },
    `Your sector: ${names}. Place units inside it; the rest of the side's units are the other sectors'.`,
  );
}

function splitName(name: string): [string, string] {
  const match = /^(.*?)\s*\((.*)\)\s*$/.exec(name);
  return match ? [match[1], match[2]] : [name, ""];
}

/** Interceptor resupply bought from the defender's budget (planning and assessment). */
export class ResupplyPanel implements Part {
  readonly el: HTMLElement;

  constructor(ctx: MatchContext) {
    const rows = Object.entries(ctx.scenario.catalogue.layers)
      .filter(([, layer]) => layer.magazine !== null && layer.costPerShotUsd > 0 && !layer.seaOnly)
      .map(([type, layer]) => {
        const count = h("input", {
          type: "number",
          min: "1",
          max: "1000",
          value: "4",
          style: "width:64px",
          "aria-label": `${layer.name} count`,
        });
        const buy = h(
          "button",
          {
            class: "small",
            testid: `buy-${type}`,
            onclick: () =>
              ctx.session.send("buy-resupply", { layer: type, count: Math.round(Number(count.value)) }, buy),
          },
          "Buy",
        );
        return h(
          "div",
          { class: "row", style: "margin:4px 0" },
          h("span", { class: "grow" }, layer.name),
          h("span", { class: "muted money", title: "per interceptor" }, formatUsd(layer.costPerShotUsd)),
          count,
          buy,
        );
      });
    this.el = h("div", null, h("h2", null, "Resupply"), ...rows);
  }

  update(_state: MatchState): void {}
}
