import { LIMITS } from "../../../shared/commands.js";
import type { MatchState } from "../../../shared/wire/state.js";
import { typeName } from "../../map/coverage.js";
import { formatClock, formatUsd } from "../../util/format.js";
import { confirmAction } from "../confirm.js";
import { field, h, select, setText } from "../dom.js";
import { economyOf, type MatchContext, type Part } from "./context.js";
import { type SeatRights, seatRights } from "./rights.js";
import { bigPurchase, describeEstimate, estimate } from "./salvo-estimate.js";

/**
 * The attacker's salvo builder: launch zone (drawn bold on the map), threat type, count, launch time,
 * target (from the list or picked on the map) and a route drawn on the map, with the route's length,
 * flight time and arrival, within the production budget. A big purchase asks first. In the live phase
 * it launches reserve salvos; planned salvos are listed by name and can be cancelled while planning.
 * A strike planner builds from their own launch zones within the commander's allocation; a commander who
 * plans nothing sees the planned salvos, and cancels them (rights.ts).
 */
export class SalvoBuilder implements Part {
  readonly el: HTMLElement;
  private readonly zone: HTMLSelectElement;
  private readonly type: HTMLSelectElement;
  private readonly count = h("input", {
    type: "number",
    min: "1",
    max: String(LIMITS.salvoCount),
    value: "6",
    testid: "salvo-count",
  });
  private readonly launchMin = h("input", {
    type: "number",
    min: "0",
    max: String(LIMITS.launchAtSecMax / 60),
    value: "0",
    testid: "salvo-launch",
  });
  private readonly interval = h("input", {
    type: "number",
    min: "0",
    max: String(LIMITS.intervalSecMax),
    value: "10",
    testid: "salvo-interval",
  });
  private readonly target: HTMLSelectElement;
  private readonly cost = h("div", { class: "money", testid: "salvo-cost" });
  private readonly budget = h("div", { class: "budget", testid: "budget" });
  private readonly allocation = h("div", { class: "meta", testid: "allocation" });
  private readonly routeInfo = h("span", { class: "muted" });
  private readonly estimateEl = h("p", { class: "meta estimate", testid: "salvo-estimate" });
  private readonly typeNote = h("p", { class: "meta", testid: "salvo-type-note" });
  private readonly pickButton: HTMLButtonElement;
  private readonly drawButton: HTMLButtonElement;
  private readonly submit: HTMLButtonElement;
  private readonly planned = h("div", { testid: "salvos" });
  private waypoints: { x: number; y: number }[] = [];
  private readonly off: (() => void)[] = [];
  private plannedKey: string | null = null;

  constructor(
    private readonly ctx: MatchContext,
    reserve: boolean,
    rights: SeatRights | undefined,
  ) {
    const { scenario, ctl } = ctx;
    const zones = rights?.zones;
    this.zone = select(
      scenario.launchZones.filter((z) => !zones || zones.includes(z.id)).map((z) => [z.id, z.name]),
      { testid: "salvo-zone", onchange: () => this.onZone() },
    );
    this.type = select([], { testid: "salvo-type", onchange: () => this.refreshDraft() });
    this.target = select(
      [...scenario.assets]
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name))
        .map((a) => [a.id, `${a.name} (${a.kind})`]),
      { testid: "salvo-target", onchange: () => this.refreshDraft() },
    );
    this.drawButton = h(
      "button",
      { class: "small", testid: "salvo-draw", onclick: () => this.toggleDraw() },
      "Draw route",
    );
    const clear = h("button", { class: "small", onclick: () => this.setWaypoints([]) }, "Clear route");
    this.pickButton = h(
      "button",
      {
        class: "small",
        testid: "salvo-pick-target",
        onclick: () => ctl.setTool(ctl.tool.kind === "target" ? { kind: "pan" } : { kind: "target" }),
      },
      "Pick on the map",
    );
    this.submit = h(
      "button",
      { class: "primary", testid: "salvo-submit", onclick: () => void this.send() },
      reserve ? "Launch reserve salvo" : "Add salvo",
    );
    for (const input of [this.count, this.launchMin, this.interval])
      input.addEventListener("input", () => this.refreshDraft());
    const builds = rights?.gives("plan-salvo") ?? true;
    const form = h(
      "div",
      { hidden: !builds },
      h("h2", null, reserve ? "Reserve salvo" : "Salvo builder"),
      field("Launch zone", this.zone),
      field("Threat type", this.type),
      this.typeNote,
      h("div", { class: "grid2" }, field("Count", this.count), field("Interval (s)", this.interval)),
      field(reserve ? "Launch in (minutes from now)" : "Launch at (minutes into the night)", this.launchMin),
      field("Target", this.target),
      h("div", { class: "row" }, this.pickButton, this.drawButton, clear, this.routeInfo),
      this.estimateEl,
      h(
        "div",
        { class: "row", style: "margin-top:8px" },
        this.cost,
        h("span", { class: "grow" }),
        this.submit,
      ),
    );
    this.el = h(
      "div",
      null,
      h("h2", null, "Production budget"),
      this.budget,
      this.allocation,
      form,
      h("h2", null, "Planned salvos"),
      this.planned,
    );
    this.off.push(
      ctl.on("click", (click) => {
        if (click.tool.kind === "target") {
          if (!click.assetId) return;
          this.target.value = click.assetId;
          ctl.setTool({ kind: "pan" });
          this.refreshDraft();
          return;
        }
        if (click.tool.kind !== "waypoints" || this.waypoints.length >= LIMITS.salvoWaypoints) return;
        this.setWaypoints([...this.waypoints, { x: click.x, y: click.y }]);
      }),
      ctl.on("tool", (tool) => {
        this.drawButton.classList.toggle("on", tool.kind === "waypoints");
        this.pickButton.classList.toggle("on", tool.kind === "target");
        setText(this.drawButton, tool.kind === "waypoints" ? "Done drawing" : "Draw route");
      }),
    );
    this.onZone();
  }

  /** A new zone offers its own threat types; a type it cannot launch is replaced, and the screen says so. */
  private onZone(): void {
    const { scenario, ctl } = this.ctx;
    const zone = scenario.launchZones.find((z) => z.id === this.zone.value);
    const threats = scenario.catalogue.threats;
    const previous = this.type.value;
    this.type.replaceChildren(
      ...(zone?.threatTypes ?? []).map((id) =>
        h("option", { value: id }, `${threats[id]?.name ?? id} · ${formatUsd(threats[id]?.costUsd ?? 0)}`),
      ),
    );
    const kept = !previous || (zone?.threatTypes.includes(previous) ?? false);
    if (kept && previous) this.type.value = previous;
    setText(
      this.typeNote,
      kept
        ? ""
        : `${zone?.name ?? "This zone"} cannot launch ${typeName(scenario, previous)}: the type is now ${typeName(scenario, this.type.value)}.`,
    );
    ctl.chooseZone(this.zone.value || null);
    this.refreshDraft();
  }

  private toggleDraw(): void {
    const { ctl } = this.ctx;
    ctl.setTool(ctl.tool.kind === "waypoints" ? { kind: "pan" } : { kind: "waypoints", points: [] });
  }

  private setWaypoints(points: { x: number; y: number }[]): void {
    this.waypoints = points;
    this.refreshDraft();
  }

  private refreshDraft(): void {
    const { scenario, ctl } = this.ctx;
    const zone = scenario.launchZones.find((z) => z.id === this.zone.value);
    const target = scenario.assets.find((a) => a.id === this.target.value);
    ctl.setDraftRoute(zone && target ? [zone.at, ...this.waypoints, target.at] : []);
    setText(this.routeInfo, this.waypoints.length > 0 ? `${this.waypoints.length} waypoint(s)` : "direct");
    const unit = scenario.catalogue.threats[this.type.value]?.costUsd ?? 0;
    setText(this.cost, `cost ${formatUsd(unit * Math.max(0, Number(this.count.value) || 0))}`);
    const e = estimate(scenario, this.draft());
    setText(this.estimateEl, e ? describeEstimate(e) : "");
    this.estimateEl.classList.toggle("warn", e !== null && !e.withinRange);
  }

  private draft() {
    return {
      zone: this.zone.value,
      threatType: this.type.value,
      count: Math.round(Number(this.count.value)),
      launchAtSec: Math.max(0, Number(this.launchMin.value) || 0) * 60,
      target: this.target.value,
      waypoints: this.waypoints,
    };
  }

  private async send(): Promise<void> {
    const { scenario, session } = this.ctx;
    const draft = this.draft();
    const budget = session.state ? (economyOf(session.state, "attacker")?.budgetUsd ?? 0) : 0;
    const big = bigPurchase(estimate(scenario, draft)?.costUsd ?? 0, budget);
    if (big) {
      const ok = await confirmAction({
        title: `Buy ${draft.count} × ${typeName(scenario, draft.threatType)}?`,
        body: big,
        confirm: "Buy the salvo",
        cancel: "Change it",
      });
      if (!ok) return;
    }
    session.send(
      "plan-salvo",
      { ...draft, intervalSec: Math.max(0, Number(this.interval.value) || 0) },
      this.submit,
    );
    // The next salvo starts from a direct route; a refusal shows next to the button.
    this.setWaypoints([]);
    if (this.ctx.ctl.tool.kind === "waypoints") this.ctx.ctl.setTool({ kind: "pan" });
  }

  update(state: MatchState): void {
    const economy = economyOf(state, "attacker");
    setText(this.budget, economy ? `${formatUsd(economy.budgetUsd)} left` : "—");
    const rights = seatRights(this.ctx, state);
    const share = rights?.allocation();
    setText(
      this.allocation,
      share
        ? `Your allocation: ${formatUsd(Math.max(0, share.allocatedUsd - share.plannedUsd))} of ${formatUsd(share.allocatedUsd)} left`
        : "",
    );
    const salvos = [...state.salvos.values()];
    const key = `${state.phase}|${salvos.map((s) => `${s.id}:${s.count}:${s.launchAtSec}`).join("|")}`;
    if (key === this.plannedKey) return;
    this.plannedKey = key;
    const { scenario, session } = this.ctx;
    const name = (id: string) => scenario.assets.find((a) => a.id === id)?.name ?? id;
    const zoneName = (id: string) => scenario.launchZones.find((z) => z.id === id)?.name ?? id;
    // Only a salvo still being planned can be cancelled; once the night runs it is on its way.
    const planning = state.phase === "planning";
    const rows = salvos
      .sort((a, b) => a.launchAtSec - b.launchAtSec)
      .map((s) => {
        const mayCancel = rights?.permits({ type: "cancel-salvo", side: "attacker", salvoId: s.id }) ?? true;
        const cancel: HTMLButtonElement | null =
          planning && mayCancel
            ? h(
                "button",
                {
                  class: "small danger",
                  testid: `cancel-${s.id}`,
                  onclick: () => session.send("cancel-salvo", { salvoId: s.id }, cancel),
                },
                "Cancel",
              )
            : null;
        return h(
          "div",
          { class: "card", testid: "salvo", "data-salvo": s.id },
          h(
            "div",
            { class: "row" },
            h(
              "span",
              { class: "title grow" },
              `${s.count} × ${scenario.catalogue.threats[s.threatType]?.name ?? s.threatType}`,
            ),
            cancel,
          ),
          h(
            "div",
            { class: "meta" },
            `${zoneName(s.zone)} → ${name(s.target)} · from ${formatClock(s.launchAtSec)} · one every ${Math.round(s.intervalSec)} s`,
          ),
        );
      });
    if (rows.length === 0) this.planned.replaceChildren(h("p", { class: "muted" }, "None yet."));
    else this.planned.replaceChildren(...rows);
  }

  destroy(): void {
    for (const f of this.off) f();
    this.ctx.ctl.setDraftRoute([]);
    this.ctx.ctl.chooseZone(null);
    const mode = this.ctx.ctl.tool.kind;
    if (mode === "waypoints" || mode === "target") this.ctx.ctl.setTool({ kind: "pan" });
  }
}
