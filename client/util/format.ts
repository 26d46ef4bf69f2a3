/** Display formatting: money, simulated time, counts. Pure functions, no DOM. */

import { formatUsd } from "../../shared/money.js";

export { formatUsd };

/** Simulation seconds as `HH:MM` (hours wrap at 100 to keep the width fixed). */
export function formatClock(simSec: number): string {
  const totalMin = Math.max(0, Math.floor(simSec / 60));
  const hours = Math.floor(totalMin / 60) % 100;
  return `${pad2(hours)}:${pad2(totalMin % 60)}`;
}

/** A countdown in seconds as `M:SS`. */
export function formatCountdown(sec: number): string {
  const whole = Math.max(0, Math.ceil(sec));
  return `${Math.floor(whole / 60)}:${pad2(whole % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** A count with thin-space thousands separators (`1 234 567`). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "—";
  return Math.round(n).toLocaleString("en-US").replace(/,/g, "\u2009");
}

/** A ratio such as the cost exchange: `4.8`, `—` when undefined. */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r) || r <= 0) return "—";
  return r >= 100 ? Math.round(r).toString() : r.toFixed(1);
}

/** Population as `1.2M` or `350k`. */
export function formatPopulation(n: number): string {
  return formatUsd(n).slice(1);
}

/** A distance as `12 km` or `0.8 km`. */
export function formatKm(km: number): string {
  return km < 10 ? `${km.toFixed(1)} km` : `${Math.round(km)} km`;
}

/** A leak or hit rate as a percentage. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "—";
  return `${Math.round(fraction * 100)}%`;
}

/** `lr-sam` → `LRS`, `gun` → `GUN`: a short code for a symbol frame. */
export function typeCode(typeId: string): string {
  const parts = typeId.split("-").filter(Boolean);
  if (parts.length === 1) return parts[0].slice(0, 3).toUpperCase();
  return parts
    .map((p) => p[0])
    .join("")
    .slice(0, 3)
    .toUpperCase();
}
