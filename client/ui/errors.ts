import type { ErrorReply } from "../../shared/protocol.js";
import { h } from "./dom.js";

/**
 * Every rejection is shown in plain words next to the control that sent it (found by the request id),
 * or as a toast when no control is known (e.g. a message sent by a keyboard shortcut).
 */
const SHOW_MS = 9_000;
/** Room kept between a map note and the edge of the map, so a click near the edge still reads whole. */
const MAP_NOTE_EDGE_PX = 8;

const LEAD: Partial<Record<ErrorReply["code"], string>> = {
  over_budget: "Not enough budget",
  out_of_stock: "Out of stock",
  out_of_area: "Not allowed there",
  wrong_phase: "Not in this phase",
  wrong_seat: "Not your seat",
  not_allowed: "Not allowed",
  rate_limited: "Too many orders",
  invalid: "Invalid order",
  unknown_unit: "Unknown unit",
  unknown_zone: "Unknown launch zone",
  unknown_target: "Unknown target",
  unknown_type_id: "Unknown type",
  unknown_type: "Unknown order",
  internal: "Server problem",
};

export function plainWords(reply: Pick<ErrorReply, "code" | "message" | "path">): string {
  const lead = LEAD[reply.code];
  // A field name helps only with a malformed order; a refusal in plain words says it all.
  const where = reply.path && reply.code === "invalid" ? ` (${reply.path})` : "";
  const message = reply.message.trim();
  if (!lead || message.toLowerCase().startsWith(lead.toLowerCase())) return `${message}${where}`;
  return `${lead}: ${message}${where}`;
}

/** Show a message next to `anchor` (after it, or inside it when it is a container). */
export function showNear(anchor: HTMLElement | null, text: string, testid = "order-error"): HTMLElement {
  const note = h("div", { class: "inline-error", role: "alert", testid }, text);
  if (anchor?.isConnected && anchor.classList.contains("mapnote")) {
    anchor.replaceChildren(note);
    keepInsideMap(anchor);
  } else if (anchor?.isConnected) {
    const next = anchor.nextElementSibling;
    if (next?.classList.contains("inline-error")) next.remove();
    anchor.insertAdjacentElement("afterend", note);
  } else {
    document.getElementById("toasts")?.append(note);
  }
  setTimeout(() => note.remove(), SHOW_MS);
  return note;
}

/** A point on the map where an order was given by clicking: its rejection appears there. */
export function mapNote(screenX: number, screenY: number): HTMLElement {
  const overlay = document.getElementById("map-overlay")!;
  const note = h("div", { class: "mapnote", style: `left:${screenX}px;top:${screenY}px` });
  overlay.append(note);
  setTimeout(() => note.remove(), SHOW_MS + 500);
  return note;
}

/** Shift a map note sideways so all of it stays over the map (it is centred on the click). */
function keepInsideMap(note: HTMLElement): void {
  const map = note.parentElement?.getBoundingClientRect();
  if (!map) return;
  const box = note.getBoundingClientRect();
  const shiftPx =
    Math.max(0, map.left + MAP_NOTE_EDGE_PX - box.left) -
    Math.max(0, box.right - (map.right - MAP_NOTE_EDGE_PX));
  if (shiftPx !== 0) note.style.left = `${Number.parseFloat(note.style.left) + shiftPx}px`;
}

export function showRejection(reply: ErrorReply, anchor: HTMLElement | null): void {
  // On the map the place clicked says where the problem is; the field name would only be noise.
  const onMap = anchor?.classList.contains("mapnote") ?? false;
  showNear(anchor, plainWords(onMap ? { ...reply, path: undefined } : reply));
}

/** Any thrown error as a sentence for the user. */
export function describe(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
