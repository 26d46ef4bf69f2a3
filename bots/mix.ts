/**
 * How an attacker splits its money between threat classes before it has learned anything: what the
 * attacker bot spends and what the defender bot expects. Money, not numbers: a drone costs a hundredth of
 * a missile, so a tenth of the money already buys most of the threats (as in the raids the scenarios are
 * calibrated on, docs/calibration.md). Decoys take their share out of the drone money.
 */
import type { ThreatClass } from "../shared/scenario.js";

export const MONEY_SHARES: Record<Exclude<ThreatClass, "decoy">, number> = {
  drone: 0.05,
  cruise: 0.4,
  ballistic: 0.55,
};
