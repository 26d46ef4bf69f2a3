import {
  type MatchRecord,
  RECORD_FORMAT,
  RECORD_FORMAT_VERSION,
  type RecordExport,
} from "../../shared/history.js";
import type { SimEvent, WorldSnapshot } from "../../sim/api.js";
import type { LayerRow } from "../../sim/review/aar.js";

/**
 * Downloads: the full record as JSON (what a replay needs, nothing secret), the event log and the
 * per-layer table as CSV (RFC 4180: comma separated, CRLF line ends, quotes doubled).
 */

export function recordExport(record: MatchRecord, origin: WorldSnapshot | null): RecordExport {
  return { format: RECORD_FORMAT, formatVersion: RECORD_FORMAT_VERSION, ...record, origin };
}

type Cell = string | number | boolean | null | undefined;

/** A spreadsheet must not run a cell as a formula: text starting with = + - @ gets a leading quote. */
function cell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

export const EVENT_COLUMNS = [
  "round",
  "t",
  "type",
  "visible_to",
  "threat_id",
  "threat_type",
  "unit_id",
  "x",
  "y",
  "cost_usd",
  "leak_reason",
  "detail",
] as const;

/** Fields with a column of their own; everything else of an event goes into `detail` as JSON. */
const COLUMN_FIELDS = new Set([
  "round",
  "t",
  "type",
  "visibleTo",
  "threatId",
  "threatType",
  "unitId",
  "x",
  "y",
  "costUsd",
  "leakReason",
]);

export function eventsCsv(events: readonly SimEvent[]): string {
  const rows = events.map((event) => {
    const fields = event as unknown as Record<string, unknown>;
    const rest = Object.fromEntries(Object.entries(fields).filter(([key]) => !COLUMN_FIELDS.has(key)));
    return [
      event.round,
      event.t,
      event.type,
      event.visibleTo.join(" "),
      fields.threatId as Cell,
      fields.threatType as Cell,
      fields.unitId as Cell,
      fields.x as Cell,
      fields.y as Cell,
      fields.costUsd as Cell,
      fields.leakReason as Cell,
      Object.keys(rest).length > 0 ? JSON.stringify(rest) : "",
    ];
  });
  return toCsv(EVENT_COLUMNS, rows);
}

export const LAYER_COLUMNS = [
  "layer",
  "name",
  "shots",
  "kills",
  "misses",
  "spoofed",
  "spend_usd",
  "cost_per_kill_usd",
  "pk_achieved",
] as const;

export function layersCsv(layers: readonly LayerRow[]): string {
  return toCsv(
    LAYER_COLUMNS,
    layers.map((l) => [
      l.layer,
      l.name,
      l.shots,
      l.kills,
      l.misses,
      l.spoofed,
      l.spendUsd,
      l.costPerKillUsd,
      l.pkAchieved,
    ]),
  );
}
