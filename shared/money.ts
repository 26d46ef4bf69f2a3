/** USD as people read it, in the feed, refusals and on screen: `$148M`, `$1.5M`, `$35k`, `$900`. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return "—";
  const sign = usd < 0 ? "-" : "";
  const abs = Math.abs(usd);
  if (abs >= 1e9) return `${sign}$${trim(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}$${trim(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}$${trim(abs / 1e3)}k`;
  return `${sign}$${Math.round(abs)}`;
}

/** One decimal below 10 (`$1.5M`), none above (`$148M`), never a trailing `.0`. */
function trim(value: number): string {
  const text = value < 10 ? value.toFixed(1) : Math.round(value).toString();
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}
