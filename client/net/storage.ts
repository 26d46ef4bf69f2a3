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
  name: () => read(localStorage, "skyshield:name") ?? "",
  saveName: (name: string) => write(localStorage, "skyshield:name", name),
  /** Whether the map legend was left open (browser scope); null until the player first toggles it. */
  legendOpen: () => {
    const value = read(localStorage, "skyshield:legend");
    return value === null ? null : value === "open";
  },
  saveLegendOpen: (open: boolean) => write(localStorage, "skyshield:legend", open ? "open" : "closed"),
};
