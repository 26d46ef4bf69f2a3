import { describe, expect, it } from "vitest";
import {
  firstSpectatorView,
  mayBranch,
  mayInstruct,
  mayList,
  mayReadRecord,
  newKey,
  newRejoinCode,
  sameSecret,
  spectatorPolicy,
  spectatorRefusal,
} from "../../../server/match/access.js";

/** Who may read and do what: every access rule, as the room, the HTTP history and branching apply it. */
describe("access rules", () => {
  const KEY = "k".repeat(22);
  const running = { status: "running" as const, private: false, instructorKey: KEY };

  it("a record is the instructor's while the match runs, everyone's once a public match ends", () => {
    expect(mayReadRecord(running, undefined)).toBe(false);
    expect(mayReadRecord(running, "guess")).toBe(false);
    expect(mayReadRecord(running, KEY)).toBe(true);
    for (const status of ["finished", "abandoned"] as const) {
      expect(mayReadRecord({ ...running, status }, undefined)).toBe(true);
      expect(mayReadRecord({ ...running, status, private: true }, undefined)).toBe(false);
      expect(mayReadRecord({ ...running, status, private: true }, KEY)).toBe(true);
    }
    // A record without a key (older files) is nobody's while it runs.
    expect(mayReadRecord({ ...running, instructorKey: null }, "")).toBe(false);
  });

  it("private matches are never listed; branching follows reading", () => {
    expect(mayList({ private: true })).toBe(false);
    expect(mayList({ private: false })).toBe(true);
    expect(mayBranch(running, undefined)).toBe(false);
    expect(mayBranch({ ...running, status: "finished" }, undefined)).toBe(true);
  });

  it("the instructor seat: the creator who asks for it, or the key", () => {
    expect(mayInstruct(true, undefined, KEY)).toBe(true);
    expect(mayInstruct(false, undefined, KEY)).toBe(false);
    expect(mayInstruct(false, KEY, KEY)).toBe(true);
    expect(mayInstruct(false, `${KEY}x`, KEY)).toBe(false);
  });

  it("secrets: compared whole, never empty; keys are long and rejoin codes typeable", () => {
    expect(sameSecret("", "")).toBe(false);
    expect(sameSecret("abc", "abc")).toBe(true);
    expect(sameSecret("abc", "abd")).toBe(false);
    expect(newKey()).toMatch(/^[\w-]{22}$/);
    expect(newKey()).not.toBe(newKey());
    expect(newRejoinCode()).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  });

  describe("spectator policy", () => {
    const SIDES = ["attacker", "defender"] as const;
    const base = { spectatorDelaySec: 0, seats: {} };

    it("with people playing and no delay, every view needs the spectator key", () => {
      const policy = spectatorPolicy(base, SIDES);
      expect(policy).toEqual({ truth: "key", attacker: "key", defender: "key", ally: "key" });
      expect(spectatorRefusal(policy, "truth", false)).toMatch(/needs the spectator key/);
      expect(spectatorRefusal(policy, "truth", true)).toBeUndefined();
      expect(firstSpectatorView(policy, ["truth", "attacker", "defender"], false)).toBeUndefined();
    });

    it("with a delay a side's picture is open; the truth still needs the key", () => {
      const policy = spectatorPolicy({ ...base, spectatorDelaySec: 30 }, SIDES);
      expect(policy).toMatchObject({ truth: "key", attacker: "open", defender: "open" });
      expect(firstSpectatorView(policy, ["truth", "attacker", "defender"], false)).toBe("attacker");
      expect(firstSpectatorView(policy, ["truth", "attacker", "defender"], true)).toBe("truth");
    });

    it("when every seat the scenario has is scripted, nobody plays: everything is open", () => {
      const scripted = { ...base, seats: { attacker: "plan", defender: "bot:hard" } as const };
      expect(spectatorPolicy(scripted, SIDES)).toMatchObject({ truth: "open", attacker: "open" });
      // An ally seat left to people counts only where the scenario has one.
      expect(spectatorPolicy(scripted, [...SIDES, "ally"]).truth).toBe("key");
    });

    it("the creator's choices stand over the defaults, closed included", () => {
      const policy = spectatorPolicy(
        { ...base, spectatorViews: { truth: "closed", attacker: "open" } },
        SIDES,
      );
      expect(policy).toMatchObject({ truth: "closed", attacker: "open", defender: "key" });
      expect(spectatorRefusal(policy, "truth", true)).toMatch(/may not watch the truth/);
    });
  });
});
