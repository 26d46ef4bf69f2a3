import { LIMITS } from "../../../shared/commands.js";
import type { Inject } from "../../../shared/scenario.js";
import { field, h, select } from "../dom.js";
import type { MatchContext } from "./context.js";

type InjectType = Inject["type"];

const LABELS: Record<InjectType, string> = {
  "radar-outage": "Radar outage",
  resupply: "Resupply convoy",
  "sea-access": "Strait opened / closed",
  "ally-roe": "Ally changes ROE",
  weather: "Bad weather",
};

/** Ad-hoc injects: choose a type, fill its few fields, send. */
export function injectForm(ctx: MatchContext): HTMLElement {
  const { scenario, session } = ctx;
  const type = select(
    (Object.keys(LABELS) as InjectType[]).map((t) => [t, LABELS[t]]),
    { testid: "inject-type", onchange: () => render() },
  );
  const fields = h("div");
  const title = h("input", {
    placeholder: "Title shown in the feed (optional)",
    maxlength: String(LIMITS.injectTitle),
  });
  let build: () => Inject = () => ({ type: "weather", sensorRangeFactor: 0.7 });
  const send = h(
    "button",
    {
      class: "primary small",
      testid: "inject-send",
      onclick: () =>
        session.send("inject", { inject: build(), title: title.value.trim() || undefined }, send),
    },
    "Send inject",
  );
  const num = (value: string, min: string, max: string, step = "1") =>
    h("input", { type: "number", value, min, max, step });
  const seas = scenario.theatre.regions
    .filter((r) => r.owner === "sea")
    .map((r) => [r.id, r.name] as [string, string]);
  const layers = Object.entries(scenario.catalogue.layers).map(([id, l]) => [id, l.name] as [string, string]);

  function render(): void {
    const t = type.value as InjectType;
    if (t === "radar-outage") {
      const minutes = num("20", "1", "600");
      fields.replaceChildren(field("Duration (minutes)", minutes, "Every defender sensor goes dark"));
      build = () => ({ type: t, durationSec: Number(minutes.value) * 60 });
    } else if (t === "resupply") {
      const layer = select(layers);
      const count = num("8", "1", "1000");
      fields.replaceChildren(field("Layer", layer), field("Interceptors", count));
      build = () => ({ type: t, layer: layer.value, count: Math.round(Number(count.value)) });
    } else if (t === "sea-access") {
      const region = select(seas);
      const open = select([
        ["true", "open (ships can enter)"],
        ["false", "closed"],
      ]);
      fields.replaceChildren(field("Sea", region), field("Access", open));
      build = () => ({ type: t, region: region.value, accessible: open.value === "true" });
    } else if (t === "ally-roe") {
      const nation = select(scenario.nations.map((n) => [n.id, n.name]));
      const roe = h("input", { value: "own-airspace", placeholder: "none | own-airspace | buffer:20" });
      fields.replaceChildren(field("Nation", nation), field("ROE", roe, "none, own-airspace or buffer:<km>"));
      build = () => ({ type: t, nation: nation.value, roe: roe.value.trim() });
    } else {
      const factor = num("0.6", "0.1", "1.5", "0.1");
      const minutes = num("60", "1", "1440");
      fields.replaceChildren(field("Sensor range factor", factor), field("Duration (minutes)", minutes));
      build = () => ({
        type: "weather",
        sensorRangeFactor: Number(factor.value),
        durationSec: Number(minutes.value) * 60,
      });
    }
  }
  render();
  return h("div", { testid: "inject-form" }, field("Type", type), fields, field("Title", title), send);
}
