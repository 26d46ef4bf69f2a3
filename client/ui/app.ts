import { Id } from "../../shared/primitives.js";
import type { CreateMatchOptions, SeatRole, ViewName } from "../../shared/protocol.js";
import { SeatRole as SeatRoleSchema, ViewName as ViewNameSchema } from "../../shared/protocol.js";
import { analysisScreen, parseAnalysisRoute } from "../analysis/view.js";
import { parseHistoryRoute, showHistory } from "../history/routes.js";
import type { MapController } from "../map/controller.js";
import { fetchScenario } from "../net/api.js";
import { MatchSession } from "../net/session.js";
import { keepLinkCredentials, stored } from "../net/storage.js";
import { field, fill, h, select } from "./dom.js";
import { describe, showNear } from "./errors.js";
import { homeScreen } from "./home.js";
import { playedVariants } from "./match/context.js";
import { MatchView } from "./match/match-view.js";
import { RolePicker } from "./role-picker.js";
import { shareBlock } from "./share.js";

/**
 * The application shell: hash routes `#/` (home) and `#/match/<code>?seat=&view=&role=` (deep links),
 * one match session at a time, the match screen once the scenario is known.
 */
declare global {
  interface Window {
    /** Test and drill hooks: simulate a network drop of the current match connection. */
    __skyshieldDebug?: { dropConnection(): void };
  }
}

type Route =
  | { page: "home" }
  | { page: "match"; code: string; seat?: SeatRole; view?: ViewName; role?: string; key?: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/match\/([A-Za-z0-9]+)(?:\?(.*))?$/.exec(hash);
  if (!match) return { page: "home" };
  const params = new URLSearchParams(match[2] ?? "");
  const seat = SeatRoleSchema.safeParse(params.get("seat"));
  const view = ViewNameSchema.safeParse(params.get("view"));
  const role = Id.safeParse(params.get("role"));
  return {
    page: "match",
    code: match[1].toUpperCase(),
    seat: seat.success ? seat.data : undefined,
    view: view.success ? view.data : undefined,
    role: role.success ? role.data : undefined,
    key: params.get("key") ?? undefined,
  };
}

export class App {
  private session: MatchSession | null = null;
  private view: MatchView | null = null;
  private screenCleanup: (() => void) | null = null;
  private readonly screen = document.getElementById("screen")!;

  constructor(private readonly ctl: MapController) {
    window.addEventListener("hashchange", () => void this.route());
    void this.route();
  }

  private showScreen(el: HTMLElement | null, cleanup: (() => void) | null = null): void {
    this.screenCleanup?.();
    this.screenCleanup = cleanup;
    fill(this.screen, el);
    document.body.classList.toggle("home-open", el !== null);
  }

  private async route(): Promise<void> {
    const historyRoute = parseHistoryRoute(location.hash);
    if (historyRoute) {
      await this.leave();
      const create = (o: CreateMatchOptions, n: string, a: HTMLElement) => this.create(o, n, a);
      return showHistory(historyRoute, {
        ctl: this.ctl,
        show: (el, cleanup) => this.showScreen(el, cleanup),
        create,
      });
    }
    const analysisRoute = parseAnalysisRoute(location.hash);
    if (analysisRoute) {
      await this.leave();
      const screen = analysisScreen(analysisRoute);
      return this.showScreen(screen.el, screen.destroy);
    }
    const route = parseRoute(location.hash);
    if (route.page === "home") {
      await this.leave();
      const home = homeScreen({
        create: (o, n, a) => this.create(o, n, a),
        open: (c, s, v, r) => this.open(c, s, v, r),
      });
      this.showScreen(home.el, home.destroy);
      return;
    }
    if (this.session?.code === route.code && this.session.room) {
      this.showScreen(null);
      return;
    }
    await this.leave();
    keepLinkCredentials(route.code, location.hash);
    if (route.key) {
      // The instructor's rejoin link: keep the key for this tab, and keep it out of the address bar.
      stored.saveInstructorKey(route.code, route.key);
      history.replaceState(null, "", `#/match/${route.code}?seat=instructor`);
    }
    const name = stored.name();
    if (!route.seat || !name) {
      this.showScreen(
        joinPrompt(
          { code: route.code, seat: route.seat, view: route.view, role: route.role },
          name,
          (seat, view, role) => this.open(route.code, seat, view, role),
          stored.instructorKey(route.code),
        ),
      );
      return;
    }
    await this.join(route.code, route.seat, route.view, name, route.role);
  }

  open(code: string, seat: string, view?: string, role?: string): void {
    const params = new URLSearchParams({ seat });
    if (view) params.set("view", view);
    if (role) params.set("role", role);
    const hash = `#/match/${code}?${params}`;
    if (location.hash === hash) void this.route();
    else location.hash = hash;
  }

  private async join(
    code: string,
    seat: SeatRole,
    view: ViewName | undefined,
    name: string,
    role: string | undefined,
  ): Promise<void> {
    this.showScreen(h("div", { class: "home" }, h("h2", null, `Joining ${code}…`)));
    const session = new MatchSession();
    try {
      await session.join(code, { seat, name, view, role });
      await this.enter(session);
    } catch (error) {
      await session.leave();
      // Back to the prompt, where another seat can be chosen (retrying the refused one would repeat it).
      const retry = h(
        "button",
        {
          class: "primary",
          testid: "join-retry",
          onclick: () =>
            this.showScreen(
              joinPrompt(
                { code, view },
                name,
                (s, v, r) => this.open(code, s, v, r),
                stored.instructorKey(code),
              ),
            ),
        },
        "Choose a seat",
      );
      this.showScreen(
        h(
          "div",
          { class: "home" },
          h("h2", null, `Could not join ${code} as ${role ? `${seat} (${role})` : seat}`),
          h("p", { class: "inline-error", testid: "join-error" }, describe(error)),
          h("div", { class: "row" }, retry, h("a", { href: "#/" }, "Home")),
        ),
      );
    }
  }

  private async create(options: CreateMatchOptions, name: string, anchor: HTMLElement): Promise<void> {
    await this.leave();
    const session = new MatchSession();
    try {
      await session.create(options, name);
      await waitForCode(session);
      await this.enter(session);
      history.replaceState(null, "", `#/match/${session.code}?seat=instructor`);
      this.showCreated(session.code, session.welcome?.instructorKey);
    } catch (error) {
      await session.leave();
      showNear(anchor, `The match could not be created: ${describe(error)}`);
    }
  }

  /** Once in the room: load the scenario's map and show the match screen. */
  private async enter(session: MatchSession): Promise<void> {
    this.session = session;
    window.__skyshieldDebug = { dropConnection: () => session.dropConnection() };
    const state = session.state?.scenario
      ? session.state
      : await nextState(session, (s) => s.scenario !== "");
    const scenario = await fetchScenario(state.scenario, playedVariants(state));
    this.showScreen(null);
    this.view = new MatchView(session, this.ctl, scenario, () => {
      location.hash = "#/";
    });
  }

  private showCreated(code: string, instructorKey: string | undefined): void {
    const close = h(
      "button",
      { class: "primary", testid: "created-close", onclick: () => back.remove() },
      "Open the console",
    );
    const back = h(
      "div",
      { class: "modal-back", testid: "created" },
      h(
        "div",
        { class: "modal" },
        h("h1", null, "Match created"),
        h("div", { class: "muted" }, "Join code"),
        h("div", { class: "code bigcode", testid: "created-code" }, code),
        shareBlock(code, { instructorKey, spectatorKey: this.session?.welcome?.spectatorKey }),
        h("div", { class: "row", style: "justify-content:flex-end;margin-top:10px" }, close),
      ),
    );
    document.body.append(back);
    close.focus();
  }

  private async leave(): Promise<void> {
    this.view?.destroy();
    this.view = null;
    const session = this.session;
    this.session = null;
    if (session) await session.leave();
  }
}

function nextState(session: MatchSession, test: (s: NonNullable<MatchSession["state"]>) => boolean) {
  return new Promise<NonNullable<MatchSession["state"]>>((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error("The match did not send its state in time."));
    }, 10_000);
    const off = session.on("state", (state) => {
      if (!test(state)) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}

async function waitForCode(session: MatchSession): Promise<void> {
  if (session.code) return;
  await nextState(session, (s) => s.code !== "");
}

/**
 * The join prompt: a name, a seat and a crew role of the side; the instructor seat only for whoever
 * holds the instructor key.
 */
function joinPrompt(
  link: { code: string; seat?: SeatRole; view?: ViewName; role?: string },
  name: string,
  go: (seat: string, view?: string, role?: string) => void,
  instructorKey: string | null,
): HTMLElement {
  const { code, seat, view } = link;
  const nameInput = h("input", {
    value: name,
    maxlength: "40",
    testid: "prompt-name",
    autocomplete: "nickname",
    required: true,
  });
  const seats: SeatRole[] = ["defender", "attacker", "ally", "spectator"];
  if (instructorKey) seats.push("instructor");
  const seatSelect = select(
    seats.map((s) => [s, s]),
    { testid: "prompt-seat", value: seat && seats.includes(seat) ? seat : "defender" },
  );
  const role = new RolePicker(link.role);
  const loadRoles = () => void role.load(code, seatSelect.value);
  seatSelect.addEventListener("change", loadRoles);
  loadRoles();
  const submit = h("button", { class: "primary", testid: "prompt-join", type: "submit" }, "Join");
  const form = h(
    "form",
    {
      class: "home",
      style: "max-width:460px",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const n = nameInput.value.trim();
        if (!n) return void showNear(submit, "Enter a name so the instructor knows who you are.");
        stored.saveName(n);
        go(seatSelect.value, view, role.value());
      },
    },
    h("h1", null, "SKYSHIELD"),
    h("p", null, "Joining match ", h("span", { class: "code" }, code)),
    field("Your name", nameInput),
    field("Seat", seatSelect),
    role.field,
    submit,
    h("p", null, h("a", { href: "#/" }, "Back to home")),
  );
  setTimeout(() => nameInput.focus(), 0);
  return form;
}
