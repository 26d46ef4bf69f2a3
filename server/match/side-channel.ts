import { OK, type Outcome, refusal } from "../../shared/commands.js";
import type { SeatRole } from "../../shared/protocol.js";
import type { ChatChannel } from "../../shared/side-channel.js";
import { type ViewKey, viewKey } from "./view-keys.js";

/**
 * Who writes to and who reads which channel of the side channel (docs/classroom.md, "Crews"). A side's
 * chat and markers reach the people of that side (a role's chat only the holders of that role), the
 * instructor and live truth spectators; never the other side, nor any spectator of a side's view or a
 * delayed one. The instructor writes to everyone.
 */
export interface Listener {
  role: SeatRole;
  crewRole: string;
  key: ViewKey;
}

export interface Audience {
  /** The sender's side; "" for the instructor. */
  side: string;
  crewRole: string;
  channel: ChatChannel;
}

const TRUTH = viewKey("truth");

export function hears(listener: Listener, audience: Audience): boolean {
  if (audience.channel === "all" || listener.role === "instructor") return true;
  if (listener.role === "spectator") return listener.key === TRUTH;
  if (listener.role !== audience.side) return false;
  return audience.channel === "side" || listener.crewRole === audience.crewRole;
}

/** Whether a seat may write to a channel: players to their side or role, the instructor to all. */
export function mayWrite(role: SeatRole, channel: ChatChannel): Outcome {
  if (role === "instructor" && channel !== "all")
    return refusal("not_allowed", "the instructor writes to everyone: use the channel 'all'", "channel");
  if (role !== "instructor" && channel === "all")
    return refusal("not_allowed", "only the instructor writes to all: use 'side' or 'role'", "channel");
  return OK;
}
