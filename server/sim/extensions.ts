import type { SimExtension } from "./context.js";

/**
 * The extensions every simulation runs with unless told otherwise: where the campaign layer
 * (server/sim/campaign) registers itself, so that the room, the CLI and replays all get it.
 */
export const DEFAULT_EXTENSIONS: readonly SimExtension[] = [];
