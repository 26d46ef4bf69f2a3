import type { ClientMessageType } from "../../shared/protocol.js";
import type { HandlerTable, OrderTarget, Sender } from "./orders.js";
import { OK, refuse } from "./outcome.js";

/**
 * The white cell: only the instructor seat pauses and resumes, sets the time scale, moves the match
 * between phases, fires injects, kicks players and hands seats to scripted players, and bookmarks.
 */
type InstructorMessage = Extract<
  ClientMessageType,
  | "pause"
  | "resume"
  | "time-scale"
  | "advance-phase"
  | "inject"
  | "fire-inject"
  | "kick"
  | "assign-seat"
  | "bookmark"
>;

const INJECT_PHASES = ["planning", "live", "assessment"];

function asInstructor(sender: Sender, action: string, run: () => ReturnType<OrderTarget["kick"]>) {
  if (sender.role === "instructor") return run();
  if (sender.role === "spectator") return refuse("wrong_seat", "spectators cannot give orders");
  return refuse("wrong_seat", `only the instructor can ${action}; you are the ${sender.role}`);
}

function injectPhase(target: OrderTarget) {
  return INJECT_PHASES.includes(target.phase)
    ? OK
    : refuse("wrong_phase", `no injects during the ${target.phase} phase`);
}

export const INSTRUCTOR_HANDLERS: HandlerTable<InstructorMessage> = {
  pause: (t, s) => asInstructor(s, "pause", () => t.setPaused(true)),
  resume: (t, s) => asInstructor(s, "resume", () => t.setPaused(false)),
  "time-scale": (t, s, m) => asInstructor(s, "change the time scale", () => t.setTimeScale(m.timeScale)),
  "advance-phase": (t, s) => asInstructor(s, "advance the phase", () => t.advance(s)),
  inject: (t, s, m) =>
    asInstructor(s, "inject events", () => {
      const phase = injectPhase(t);
      if (!phase.ok) return phase;
      const title = m.title ?? m.inject.type;
      return t.command(s, { type: "inject", side: "white", inject: m.inject, title });
    }),
  "fire-inject": (t, s, m) =>
    asInstructor(s, "fire injects", () => {
      const phase = injectPhase(t);
      return phase.ok
        ? t.command(s, { type: "fire-scheduled-inject", side: "white", injectId: m.injectId })
        : phase;
    }),
  kick: (t, s, m) => asInstructor(s, "kick players", () => t.kick(m.seatId)),
  "assign-seat": (t, s, m) => asInstructor(s, "assign seats", () => t.assignSeat(m.seatId, m.to)),
  bookmark: (t, s, m) => asInstructor(s, "bookmark", () => t.bookmark(s, m.note)),
};
