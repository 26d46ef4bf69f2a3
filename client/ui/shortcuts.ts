import type { WeaponsControl } from "../../shared/scenario.js";
import type { MapController } from "../map/controller.js";
import { h } from "./dom.js";
import { toggleLegend } from "./map-chrome.js";

/** What the keyboard can do in the current seat; absent actions are not offered. */
export interface KeyActions {
  weapons?: (w: WeaponsControl) => void;
  nextUnit?: (step: 1 | -1) => void;
  pause?: () => void;
  speed?: (index: number) => void;
  follow?: () => void;
}

const PAN_PX = 90;
const ZOOM_STEP = 1.25;

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName));
}

/** Run the action bound to a key; false when the key means nothing here. */
function handle(
  key: string,
  shift: boolean,
  onPage: boolean,
  ctl: MapController,
  actions: KeyActions,
): boolean {
  const pan: Record<string, [number, number]> = {
    ArrowLeft: [-PAN_PX, 0],
    a: [-PAN_PX, 0],
    ArrowRight: [PAN_PX, 0],
    d: [PAN_PX, 0],
    ArrowUp: [0, -PAN_PX],
    w: [0, -PAN_PX],
    ArrowDown: [0, PAN_PX],
    s: [0, PAN_PX],
  };
  if (pan[key]) {
    ctl.nudge(pan[key][0], pan[key][1]);
    return true;
  }
  if (key === "+" || key === "=" || key === "-" || key === "_") {
    ctl.nudge(0, 0, key === "+" || key === "=" ? ZOOM_STEP : 1 / ZOOM_STEP);
    return true;
  }
  if (key === "0") {
    ctl.emit("fit");
    return true;
  }
  if (key === "l") {
    toggleLegend();
    return true;
  }
  if (key === "Tab" && actions.nextUnit && onPage) {
    actions.nextUnit(shift ? -1 : 1);
    return true;
  }
  const weapons: Record<string, WeaponsControl> = { h: "hold", t: "tight", f: "free" };
  if (weapons[key] && actions.weapons) {
    actions.weapons(weapons[key]);
    return true;
  }
  if (key === "f" && actions.follow) {
    actions.follow();
    return true;
  }
  if (key === " " && actions.pause) {
    actions.pause();
    return true;
  }
  if (/^[1-5]$/.test(key) && actions.speed) {
    actions.speed(Number(key) - 1);
    return true;
  }
  return false;
}

/** Install the match shortcuts (docs/screen.md); returns the uninstaller. */
export function installShortcuts(ctl: MapController, actions: KeyActions): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "?") {
      toggleHelp(actions);
      e.preventDefault();
      return;
    }
    if (e.key === "Escape") {
      closeHelp();
      ctl.setTool({ kind: "pan" });
      return;
    }
    if (typing(e.target)) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const onPage = e.target === document.body || (e.target as HTMLElement | null)?.tagName === "CANVAS";
    if (handle(key, e.shiftKey, onPage, ctl, actions)) e.preventDefault();
  };
  document.addEventListener("keydown", onKey);
  return () => {
    document.removeEventListener("keydown", onKey);
    closeHelp();
  };
}

let helpEl: HTMLElement | null = null;

function closeHelp(): void {
  helpEl?.remove();
  helpEl = null;
}

/** The `?` overlay: the shortcuts this seat has. */
export function toggleHelp(actions: KeyActions): void {
  if (helpEl) {
    closeHelp();
    return;
  }
  const k = (...keys: string[]) =>
    h("dt", null, ...keys.flatMap((key, i) => [i > 0 ? " " : "", h("kbd", null, key)]));
  const rows: [HTMLElement, string][] = [
    [k("←", "↑", "→", "↓"), "pan the map (also W A S D, or drag)"],
    [k("+", "−"), "zoom (also the mouse wheel or a pinch)"],
    [k("0"), "show the whole theatre"],
    [k("L"), "show or hide the legend"],
    [k("Esc"), "stop placing / drawing, close this help"],
  ];
  if (actions.nextUnit) rows.push([k("Tab"), "select the next unit (Shift+Tab: previous)"]);
  if (actions.weapons) rows.push([k("H", "T", "F"), "weapons hold / tight / free (selected unit, or all)"]);
  if (actions.follow) rows.push([k("F"), "follow: keep every track in frame"]);
  if (actions.pause) rows.push([k("Space"), "pause / resume"]);
  if (actions.speed) rows.push([k("1", "2", "3", "4", "5"), "time scale ×1 ×10 ×60 ×300 ×600"]);
  rows.push([k("?"), "this help"]);
  const close = h("button", { onclick: closeHelp }, "Close");
  helpEl = h(
    "div",
    { class: "modal-back", testid: "help", onclick: (e: Event) => e.target === helpEl && closeHelp() },
    h(
      "div",
      { class: "modal help", role: "dialog", "aria-label": "Keyboard shortcuts" },
      h("h1", null, "Keyboard shortcuts"),
      h("dl", null, ...rows.flatMap(([keys, text]) => [keys, h("dd", null, text)])),
      h("p", { class: "muted" }, "Hover or tap anything on the map for its card. Click a unit to select it."),
      close,
    ),
  );
  document.body.append(helpEl);
  close.focus();
}
