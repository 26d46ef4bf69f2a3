import { campaignExtension } from "./campaign/extension.js";
import type { SimExtension } from "./context.js";

/**
 * The extensions every simulation runs with unless told otherwise: the campaign layer
 * (campaign/extension.ts), so that the room, the CLI, the bots and replays all get it.
 */
export const DEFAULT_EXTENSIONS: readonly SimExtension[] = [campaignExtension];
