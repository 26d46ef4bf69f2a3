import type { CompiledScenario } from "../../shared/compiled.js";
import { assertNever } from "../../shared/never.js";
import { BAND_LOOK } from "../map/backdrop.js";
import type { CoverageMode, MapController, MapTool } from "../map/controller.js";
import { typeName } from "../map/coverage.js";
import { css, identity } from "../map/palette.js";
import { drawDecoy, drawThreat, drawUnit, drawUnknown } from "../map/symbols.js";
import { scaleBarKm } from "../map/view.js";
import { stored } from "../net/storage.js";
import { h, select, setText } from "./dom.js";

/**
 * Below this window height the open legend would cover a corner of the theatre at Fit (1280×720), so
 * it starts folded there; the player's own choice, once made, is remembered instead.
 */
const LEGEND_OPEN_MIN_WINDOW_HEIGHT_PX = 900;

/** What sits on top of the map: scale bar, legend with the coverage switch, tool hint, follow button. */
export function mapChrome(
  ctl: MapController,
  scenario: CompiledScenario,
  watcher: boolean,
): { el: HTMLElement; destroy: () => void } {
  const scaleLabel = h("span", { class: "num", testid: "scale-label" });
  const bar = h("div", { class: "bar" });
  const scalebar = h("div", { class: "scalebar", testid: "scalebar" }, scaleLabel, bar);
  const hintText = h("span", { testid: "tool-hint-text" });
  const aimText = h("span", { class: "aim", testid: "aim-readout" });
  const stop = h(
    "button",
    { class: "small", testid: "tool-cancel", onclick: () => ctl.setTool({ kind: "pan" }) },
    "Done",
  );
  const hint = h(
    "div",
    { class: "toolhint", testid: "tool-hint", hidden: true },
    h("span", { class: "grow" }, hintText, aimText),
    stop,
  );
  const follow = h(
    "button",
    {
      class: "small",
      testid: "follow",
      title: "Keep every track in frame (F)",
      onclick: () => ctl.setFollow(!ctl.follow),
    },
    "Follow",
  );
  const fit = h(
    "button",
    { class: "small", title: "Show the whole theatre (0)", onclick: () => ctl.emit("fit") },
    "Fit",
  );
  const tools = h("div", { class: "maptools" }, fit, zoomPicker(ctl, scenario), watcher ? follow : null);
  const el = h("div", { style: "display:contents" }, scalebar, tools, hint, legend(ctl));
  const off = [
    ctl.on("view", (v) => {
      const km = scaleBarKm(v.scale, 140);
      bar.style.width = `${Math.round(km * v.scale)}px`;
      setText(scaleLabel, `${km} km`);
    }),
    ctl.on("tool", (tool) => {
      const text = toolHint(tool, scenario);
      hint.hidden = text === "";
      setText(hintText, text);
      // Placing and drawing are finished with Done; moving a unit or a marker is abandoned with Cancel.
      setText(stop, tool.kind === "relocate" || tool.kind === "marker" ? "Cancel" : "Done");
    }),
    ctl.on("aim", (aim) => {
      const where = aim?.snappedTo ? `On ${aim.snappedTo}. ` : "";
      const covers = aim?.covers ? coverText(aim.covers) : "";
      setText(aimText, aim ? ` ${where}${covers}` : "");
    }),
    ctl.on("follow", (on) => {
      follow.classList.toggle("on", on);
      follow.setAttribute("aria-pressed", String(on));
    }),
  ];
  return {
    el,
    destroy: () => {
      for (const f of off) f();
    },
  };
}

/** What the current mode wants, in the words of the pointer in use (no "Esc" on a phone). */
/** "Covers Kharkiv, Sumy and 3 more." — what a unit placed here would have within its weapon reach. */
function coverText(names: string[]): string {
  if (names.length === 0) return "Covers no city or site.";
  const more = names.length > 4 ? ` and ${names.length - 4} more` : "";
  return `Covers ${names.slice(0, 4).join(", ")}${more}.`;
}

function toolHint(tool: MapTool, scenario: CompiledScenario): string {
  const touch = window.matchMedia("(pointer: coarse)").matches;
  const act = touch ? "Tap" : "Click";
  const esc = touch ? "" : " (or Esc)";
  switch (tool.kind) {
    case "place":
      return `${act} the map to place ${typeName(scenario, tool.unitType)}; press Done when finished${esc}`;
    case "waypoints":
      return `${act} the map to add waypoints (up to 8); press Done when finished${esc}`;
    case "relocate":
      return `${act} the destination for ${tool.unitId}; Cancel to keep it where it is${esc}`;
    case "target":
      return `${act} the target on the map${esc}`;
    case "marker":
      return `${act} the map where “${tool.label}” goes for your side; Cancel to drop it${esc}`;
    case "pan":
      return "";
    default:
      return assertNever(tool, "map tool");
  }
}

function swatch(paint: (ctx: CanvasRenderingContext2D) => void): HTMLCanvasElement {
  const canvas = h("canvas", { width: 44, height: 32 }) as HTMLCanvasElement;
  const ctx = canvas.getContext("2d");
  if (ctx) paint(ctx);
  return canvas;
}

function line(color: string, dash: number[]): (ctx: CanvasRenderingContext2D) => void {
  return (ctx) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 3;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(4, 16);
    ctx.lineTo(40, 16);
    ctx.stroke();
  };
}

/** A site as the map draws it: plant square, substation diamond, anything else a small grey square. */
function site(c: CanvasRenderingContext2D, kind: "plant" | "substation" | "other"): void {
  c.lineWidth = 1.5;
  c.strokeStyle = kind === "other" ? "#9aa3ad" : css.grid;
  c.fillStyle = kind === "other" ? "rgba(154, 163, 173, 0.25)" : "rgba(217, 164, 65, 0.35)";
  c.beginPath();
  if (kind === "plant") c.rect(16, 10, 12, 12);
  else if (kind === "substation") {
    c.moveTo(22, 9);
    c.lineTo(29, 16);
    c.lineTo(22, 23);
    c.lineTo(15, 16);
    c.closePath();
  } else c.rect(17, 11, 10, 10);
  c.fill();
  c.stroke();
}

function legend(ctl: MapController): HTMLElement {
  const items: [string, (ctx: CanvasRenderingContext2D) => void][] = [
    ["Hostile drone", (c) => drawThreat(c, "hostile", "drone", 22, 16, 13)],
    ["Hostile cruise", (c) => drawThreat(c, "hostile", "cruise", 22, 16, 13)],
    ["Hostile ballistic", (c) => drawThreat(c, "hostile", "ballistic", 22, 16, 13)],
    ["Unknown track", (c) => drawUnknown(c, 22, 16, 13)],
    ["Decoy (identified)", (c) => drawDecoy(c, 22, 16, 13)],
    ["Own unit", (c) => drawUnit(c, "friendly", "SAM", 22, 16, 22)],
    ["Ally unit", (c) => drawUnit(c, "ally", "SHP", 22, 16, 22)],
    ["Defence unit sighted by the attacker", (c) => drawUnit(c, "hostile", "SAM", 22, 16, 22)],
    [
      "Units stacked (zoom in)",
      (c) => {
        drawUnit(c, "friendly", "GUN", 20, 17, 20);
        c.beginPath();
        c.arc(34, 8, 6.5, 0, Math.PI * 2);
        c.fillStyle = "#e8eef5";
        c.fill();
        c.fillStyle = "#0a111b";
        c.font = "700 9px system-ui";
        c.textAlign = "center";
        c.textBaseline = "middle";
        c.fillText("4", 34, 8.5);
      },
    ],
    [
      "City (size: population)",
      (c) => {
        for (const [x, r] of [
          [12, 3],
          [28, 6],
        ]) {
          c.beginPath();
          c.arc(x, 16, r, 0, Math.PI * 2);
          c.fillStyle = css.city;
          c.fill();
        }
      },
    ],
    ["Power plant", (c) => site(c, "plant")],
    ["Substation", (c) => site(c, "substation")],
    ["Other site", (c) => site(c, "other")],
    [
      "Launch zone",
      (c) => {
        c.beginPath();
        c.arc(22, 16, 11, 0, Math.PI * 2);
        c.fillStyle = "rgba(255, 90, 78, 0.1)";
        c.fill();
        c.setLineDash([4, 3]);
        c.strokeStyle = css.launchZone;
        c.lineWidth = 1.5;
        c.stroke();
      },
    ],
    [
      "Interceptor",
      (c) => {
        c.fillStyle = identity.interceptor.css;
        c.beginPath();
        c.moveTo(32, 16);
        c.lineTo(14, 9);
        c.lineTo(14, 23);
        c.fill();
      },
    ],
    ["Weapon reach", line(identity.friendly.css, [])],
    ["Radar vs high fliers", line(BAND_LOOK.high.stroke, BAND_LOOK.high.dash)],
    ["Radar vs low fliers", line(BAND_LOOK.low.stroke, BAND_LOOK.low.dash)],
    ["Radar vs very low", line(BAND_LOOK["very-low"].stroke, BAND_LOOK["very-low"].dash)],
    [
      "Power line · cut",
      (c) => {
        line("#d9a441", [])(c);
        c.translate(0, 8);
        line("#ff5a4e", [5, 4])(c);
      },
    ],
    ["Neighbour border", line("#6f9683", [8, 5])],
  ];
  const coverage = select(
    [
      ["all", "high + low"],
      ["high", "high only"],
      ["low", "low only"],
      ["very-low", "very low only"],
      ["off", "off"],
    ],
    {
      testid: "coverage-mode",
      "aria-label": "Radar coverage shown",
      value: ctl.coverage,
      onchange: () => ctl.setCoverage(coverage.value as CoverageMode),
    },
  );
  const open = stored.legendOpen() ?? window.innerHeight >= LEGEND_OPEN_MIN_WINDOW_HEIGHT_PX;
  // A click on the summary is the player's choice (it flips the state once the click is done).
  const summary = h("summary", { title: "Show or hide the legend (L)" }, "Legend");
  const details = h(
    "details",
    { class: "legend", testid: "legend", open },
    summary,
    h("ul", null, ...items.map(([text, paint]) => h("li", null, swatch(paint), text))),
    h(
      "label",
      { class: "row", style: "margin-top:6px" },
      h("span", { class: "muted" }, "Coverage"),
      coverage,
    ),
  );
  summary.addEventListener("click", () => stored.saveLegendOpen(!details.open));
  return details;
}

/** Zoom to an area: the defended cities, biggest first, each shown with 60 km around it. */
function zoomPicker(ctl: MapController, scenario: CompiledScenario): HTMLSelectElement {
  const cities = scenario.assets
    .filter((a) => a.kind === "city")
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  const picker = select([["", "Zoom to…"], ...cities.map((c): [string, string] => [c.id, c.name])], {
    testid: "zoom-to",
    "aria-label": "Zoom to a city",
    onchange: () => {
      const city = cities.find((c) => c.id === picker.value);
      if (city) ctl.emit("zoomTo", { x: city.at.x, y: city.at.y, km: 60 });
      picker.value = "";
    },
  });
  return picker;
}

/** Open or fold the map legend (the L shortcut), remembering the choice. */
export function toggleLegend(): void {
  const details = document.querySelector<HTMLDetailsElement>("details.legend");
  if (!details) return;
  details.open = !details.open;
  stored.saveLegendOpen(details.open);
}
