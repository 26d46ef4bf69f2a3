import type { ErrorCode } from "../../shared/protocol.js";
import type { CommandResult, RejectCode } from "../../sim/api.js";

/** The result of handling one client message: accepted, or one reason for the single `error` reply. */
export type Outcome = { ok: true } | { ok: false; code: ErrorCode; message: string; path?: string };

export const OK: Outcome = { ok: true };

export function refuse(code: ErrorCode, message: string, path?: string): Outcome {
  return path === undefined ? { ok: false, code, message } : { ok: false, code, message, path };
}

const REJECT_CODES: Record<RejectCode, ErrorCode> = {
  wrong_phase: "wrong_phase",
  wrong_side: "wrong_seat",
  unknown_unit: "unknown_unit",
  unknown_type: "unknown_type_id",
  unknown_zone: "unknown_zone",
  unknown_target: "unknown_target",
  not_allowed: "not_allowed",
  over_budget: "over_budget",
  out_of_stock: "out_of_stock",
  out_of_area: "out_of_area",
};

export function fromCommandResult(result: CommandResult): Outcome {
  return result.ok ? OK : refuse(REJECT_CODES[result.code], result.reason, result.path);
}
