import type { ErrorReply, FeedEntry, ServerMessage } from "../../shared/protocol.js";
import type { ChatPost, MarkerPost } from "../../shared/side-channel.js";

/**
 * Light shape checks on server messages: the client accepts extra fields (a newer server) but never
 * acts on a message missing the fields it reads.
 */
export type Welcome = ServerMessage<"welcome">;
export type Summary = ServerMessage<"summary">;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isWelcome(m: unknown): m is Welcome {
  return (
    isRecord(m) && typeof m.seatId === "string" && typeof m.role === "string" && typeof m.view === "string"
  );
}

export function isErrorReply(m: unknown): m is ErrorReply {
  return isRecord(m) && typeof m.code === "string" && typeof m.message === "string";
}

function isFeedEntry(e: unknown): e is FeedEntry {
  return isRecord(e) && typeof e.t === "number" && typeof e.kind === "string" && typeof e.text === "string";
}

export function isFeed(m: unknown): m is { entries: FeedEntry[] } {
  return isRecord(m) && Array.isArray(m.entries) && m.entries.every(isFeedEntry);
}

export function isSummary(m: unknown): m is Summary {
  return isRecord(m) && typeof m.final === "boolean" && isRecord(m.summary);
}

function isPosted(m: unknown): m is Record<string, unknown> {
  return isRecord(m) && typeof m.from === "string" && typeof m.role === "string" && typeof m.t === "number";
}

export function isChatPost(m: unknown): m is ChatPost {
  return isPosted(m) && typeof m.channel === "string" && typeof m.text === "string";
}

export function isMarkerPost(m: unknown): m is MarkerPost {
  return (
    isPosted(m) &&
    typeof m.label === "string" &&
    isRecord(m.at) &&
    typeof m.at.x === "number" &&
    typeof m.at.y === "number"
  );
}
