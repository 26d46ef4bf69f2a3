/**
 * The orders the playing sides send as client messages (defined in commands.ts, which checks this list
 * against its orders); crew roles share them out (crews.ts). A module of its own so that both import it
 * without importing each other.
 */
export const SIDE_ORDER_TYPES = [
  "deploy",
  "remove-unit",
  "set-doctrine",
  "relocate",
  "buy-resupply",
  "plan-salvo",
  "cancel-salvo",
] as const;
