import { z } from "zod";
import { Id, PointKm } from "./primitives.js";

/**
 * The side channel (docs/classroom.md, "Crews"): chat per side, per crew role and from the instructor to
 * all, and map markers for the whole side. Never delivered to the other side or its spectators.
 */

export const SIDE_CHANNEL_LIMITS = {
  /** Characters of one chat message. */
  chatText: 500,
  /** Characters of a marker's label. */
  markerLabel: 80,
} as const;

/** `side`: the sender's side; `role`: the sender's crew role; `all`: everyone (the instructor only). */
export const ChatChannel = z.enum(["side", "role", "all"]);
export type ChatChannel = z.infer<typeof ChatChannel>;

export const ChatFields = {
  channel: ChatChannel,
  text: z.string().trim().min(1).max(SIDE_CHANNEL_LIMITS.chatText),
};

export const MarkerFields = {
  at: PointKm,
  label: z.string().trim().min(1).max(SIDE_CHANNEL_LIMITS.markerLabel),
};

/** The attacker commander's share of the night's spend for one strike planner role. */
export const AllocateFields = {
  role: Id,
  usd: z.number().min(0).max(1e13),
};

/** Who wrote or placed it, and when (simulation clock of the round). */
const Posted = {
  from: z.string(),
  /** The sender's crew role, or its seat ("instructor", or the side for a seat holding the whole side). */
  role: z.string(),
  /** The sender's side; "" for the instructor. */
  side: z.string(),
  round: z.number().int(),
  t: z.number(),
};

export const ChatPost = z.object({ ...Posted, channel: ChatChannel, text: z.string() }).strict();
export type ChatPost = z.infer<typeof ChatPost>;

export const MarkerPost = z.object({ ...Posted, at: PointKm, label: z.string() }).strict();
export type MarkerPost = z.infer<typeof MarkerPost>;

/** A chat message or a marker as delivered and recorded. */
export type SidePost = { kind: "chat"; post: ChatPost } | { kind: "marker"; post: MarkerPost };

/**
 * Whether a recorded post shows in a replay seen from `view`, as it reached people live: the truth shows
 * every post; a side's view the posts of that side's people (side and role channels, markers) and the
 * instructor's to all, never the other side's.
 */
export function postInView(post: SidePost, view: "truth" | "attacker" | "defender" | "ally"): boolean {
  if (view === "truth") return true;
  if (post.kind === "chat" && post.post.channel === "all") return true;
  return post.post.side === view;
}
