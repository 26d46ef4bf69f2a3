import { isWelcome, type Welcome } from "./messages.js";

/**
 * What survives a page reload: the reconnection token and the instructor key per match code (tab
 * scope), the player's name and the legend's open state (browser scope).
 */
function read(store: Storage, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

function write(store: Storage, key: string, value: string | null): void {
  try {
    if (value === null) store.removeItem(key);
    else store.setItem(key, value);
  } catch {
    // Private browsing may refuse storage; the session still works, it just won't survive a reload.
  }
}

/**
 * Credentials a link may carry (`&skey=` the spectator key the instructor shares, `&rejoin=` a seat's
 * rejoin code): kept for the tab, so the join that follows presents them.
 */
export function keepLinkCredentials(code: string, hash: string): void {
  const params = new URLSearchParams(hash.split("?")[1] ?? "");
  const spectatorKey = params.get("skey");
  const rejoinCode = params.get("rejoin");
  if (spectatorKey) write(sessionStorage, `skyshield:skey:${code}`, spectatorKey);
  if (rejoinCode) write(sessionStorage, `skyshield:rejoin:${code}`, rejoinCode);
}

function parseWelcome(text: string | null): Welcome | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isWelcome(value) ? value : null;
  } catch {
    return null;
  }
}

export const stored = {
  welcome: (code: string) => parseWelcome(read(sessionStorage, `skyshield:welcome:${code}`)),
  saveWelcome: (code: string, welcome: Welcome) =>
    write(sessionStorage, `skyshield:welcome:${code}`, JSON.stringify(welcome)),
  token: (code: string) => read(sessionStorage, `skyshield:token:${code}`),
  saveToken: (code: string, token: string) => write(sessionStorage, `skyshield:token:${code}`, token),
  forgetToken: (code: string) => write(sessionStorage, `skyshield:token:${code}`, null),
  instructorKey: (code: string) => read(sessionStorage, `skyshield:key:${code}`),
  saveInstructorKey: (code: string, key: string) => write(sessionStorage, `skyshield:key:${code}`, key),
  /** The spectator key (opens the views kept for key holders) and a seat's rejoin code, per match code. */
  spectatorKey: (code: string) => read(sessionStorage, `skyshield:skey:${code}`),
  saveSpectatorKey: (code: string, key: string) => write(sessionStorage, `skyshield:skey:${code}`, key),
  rejoinCode: (code: string) => read(sessionStorage, `skyshield:rejoin:${code}`),
  saveRejoinCode: (code: string, value: string) => write(sessionStorage, `skyshield:rejoin:${code}`, value),
  /** The instructor key by match id: the history API asks for it while a match runs or if it is private. */
  matchKey: (matchId: string) => read(sessionStorage, `skyshield:mkey:${matchId}`),
  saveMatchKey: (matchId: string, key: string) => write(sessionStorage, `skyshield:mkey:${matchId}`, key),
  name: () => read(localStorage, "skyshield:name") ?? "",
  saveName: (name: string) => write(localStorage, "skyshield:name", name),
  /** Whether the map legend was left open (browser scope); null until the player first toggles it. */
  legendOpen: () => {
    const value = read(localStorage, "skyshield:legend");
    return value === null ? null : value === "open";
  },
  saveLegendOpen: (open: boolean) => write(localStorage, "skyshield:legend", open ? "open" : "closed"),
};
