import type { Perspective } from "../../sim/api.js";

/**
 * Who watches what: every audience of a match is a perspective (truth, attacker, defender, ally), live
 * or delayed (spectators behind a delay). Its key names it in the feed, in the state's @view maps
 * (`<key>:<id>`, e.g. `d:threat-12`) and in the room's shared views.
 */
export type ViewKey = string;

const PREFIX: Record<Perspective, string> = { truth: "t", attacker: "a", defender: "d", ally: "y" };
const DELAYED = "x";

export function viewKey(perspective: Perspective, delayed = false): ViewKey {
  return (delayed ? DELAYED : "") + PREFIX[perspective];
}

export function isDelayedKey(key: ViewKey): boolean {
  return key.startsWith(DELAYED);
}

export function perspectiveOf(key: ViewKey): Perspective {
  const prefix = isDelayedKey(key) ? key.slice(DELAYED.length) : key;
  const entry = Object.entries(PREFIX).find(([, p]) => p === prefix);
  if (!entry) throw new Error(`unknown view key '${key}'`);
  return entry[0] as Perspective;
}
