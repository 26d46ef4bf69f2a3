import { OK, type Outcome } from "../../shared/commands.js";
import type { CrewDesk } from "../match/crew-desk.js";
import type { Match } from "../match/match.js";
import type { OrderTarget, Sender } from "../match/order-desk.js";
import type { Occupancy } from "./occupancy.js";
import type { SideRelay } from "./side-relay.js";

/**
 * What accepted orders do: the match's own controls, the seat and view changes that move people, the
 * crews' rights and allocations, and the side channel.
 */
export function orderTarget(
  match: Match,
  occupancy: Occupancy,
  crews: CrewDesk,
  relay: SideRelay,
): OrderTarget {
  const by = (sender: Sender) => (sender.role === "instructor" ? `white:${sender.seatId}` : sender.seatId);
  const done = (action: () => void): Outcome => {
    action();
    return OK;
  };
  return {
    command: (sender, command) => match.apply(command, by(sender)),
    setReady: (sender, ready) => match.setReady(sender.seatId, ready),
    confirm: (sender) => match.confirm(sender.seatId),
    setView: (sender, view) => occupancy.setView(sender, view),
    setPaused: (paused) => done(() => match.setPaused(paused)),
    setTimeScale: (timeScale) => done(() => match.setTimeScale(timeScale)),
    advance: (sender) => match.advance(by(sender)),
    kick: (seatId) => occupancy.kick(seatId),
    assignSeat: (seatId, fill, crewRole) => occupancy.assignSeat(seatId, fill, crewRole),
    assignRole: (seatId, role) => occupancy.assignRole(seatId, role),
    bookmark: (sender, note) => done(() => match.bookmark(note, by(sender))),
    permit: (sender, command) => crews.permit(sender.seatId, command),
    mayReady: (sender) => crews.permitControl(sender.seatId, "ready", "say ready for the side"),
    allocate: (sender, role, usd) => crews.allocate(sender.seatId, role, usd),
    chat: (sender, message) => relay.chat(sender, message),
    marker: (sender, message) => relay.marker(sender, message),
  };
}
