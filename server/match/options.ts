import type { z } from "zod";
import { CreateMatchOptions, JoinOptions } from "../../shared/protocol.js";

/**
 * Room options. When a client calls `create("match", options)`, Colyseus hands the same options to
 * `onCreate` and to the creator's join, so one object carries both the match settings and the seat the
 * creator takes. Each side picks its own keys; a key that belongs to neither is an error.
 */

export type MatchSettings = z.output<typeof CreateMatchOptions>;
export type { JoinOptions };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const CREATE_KEYS = new Set(Object.keys(CreateMatchOptions.shape));
const JOIN_KEYS = new Set(Object.keys(JoinOptions.shape));
/** Read by the room before either part: a recorded match to continue (server/store/recovery.ts). */
const RESTORE_KEY = "restore";

export function parseMatchSettings(raw: unknown): Parsed<MatchSettings> {
  return parsePart(raw, CREATE_KEYS, CreateMatchOptions, "match options");
}

export function parseJoinOptions(raw: unknown): Parsed<JoinOptions> {
  return parsePart(raw, JOIN_KEYS, JoinOptions, "join options");
}

/** A stable text form of raw options (sorted keys), to recognise the creator's own join. */
export function fingerprint(raw: unknown): string {
  return JSON.stringify(raw, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
}

function parsePart<T>(raw: unknown, keys: Set<string>, schema: z.ZodType<T>, what: string): Parsed<T> {
  const source = raw ?? {};
  if (typeof source !== "object" || Array.isArray(source)) {
    return { ok: false, message: `${what}: expected an object` };
  }
  const entries = Object.entries(source);
  const unknown = entries
    .map(([key]) => key)
    .filter((key) => !CREATE_KEYS.has(key) && !JOIN_KEYS.has(key) && key !== RESTORE_KEY);
  if (unknown.length > 0) {
    return { ok: false, message: `${what}: unknown option ${unknown.map((k) => `'${k}'`).join(", ")}` };
  }
  const parsed = schema.safeParse(Object.fromEntries(entries.filter(([key]) => keys.has(key))));
  if (parsed.success) return { ok: true, value: parsed.data };
  const reasons = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return { ok: false, message: `${what}: ${reasons.join("; ")}` };
}
