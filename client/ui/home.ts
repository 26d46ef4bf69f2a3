import type { CreateMatchOptions, SeatFill } from "../../shared/protocol.js";
import {
  listMatches,
  listScenarios,
  type MatchListing,
  type ScenarioListing,
  variantTitles,
} from "../net/api.js";
import { stored } from "../net/storage.js";
import { field, h, select } from "./dom.js";
import { describe, showNear } from "./errors.js";
import { RolePicker } from "./role-picker.js";
import { variantToggles } from "./variants.js";

const FILLS: [SeatFill, string][] = [
  ["human", "a person"],
  ["plan", "scripted plan"],
  ["bot:easy", "bot · easy"],
  ["bot:normal", "bot · normal"],
  ["bot:hard", "bot · hard"],
];
const REFRESH_MS = 5_000;

export interface HomeActions {
  create(options: CreateMatchOptions, name: string, anchor: HTMLElement): Promise<void>;
  open(code: string, seat: string, view?: string, role?: string): void;
}

/** Home: create a match, join one by code, or pick a public one to join or watch. */
export function homeScreen(actions: HomeActions): { el: HTMLElement; destroy: () => void } {
  const name = h("input", {
    value: stored.name(),
    maxlength: "40",
    placeholder: "e.g. Cdt. Novak",
    testid: "name",
    autocomplete: "nickname",
  });
  name.addEventListener("change", () => stored.saveName(name.value.trim()));
  const createSection = createForm(actions, name);
  const code = h("input", {
    maxlength: "6",
    placeholder: "K7QF2M",
    testid: "join-code",
    style: "text-transform:uppercase;letter-spacing:0.15em",
    autocomplete: "off",
  });
  const seat = select(
    [
      ["defender", "defender"],
      ["attacker", "attacker"],
      ["ally", "ally"],
      ["spectator", "spectator"],
      ["instructor", "instructor (creator only)"],
    ],
    { testid: "join-seat" },
  );
  const view = select(
    [
      ["truth", "everything (truth)"],
      ["attacker", "the attacker's picture"],
      ["defender", "the defender's picture"],
    ],
    { testid: "join-view" },
  );
  const viewField = field("Watch", view);
  viewField.hidden = true;
  const role = new RolePicker();
  const loadRoles = () => void role.load(code.value.trim().toUpperCase(), seat.value);
  seat.addEventListener("change", () => {
    viewField.hidden = seat.value !== "spectator";
    loadRoles();
  });
  code.addEventListener("input", loadRoles);
  const join = h("button", { class: "primary", testid: "join-submit", type: "submit" }, "Join");
  const joinForm = h(
    "form",
    {
      onsubmit: (e: Event) => {
        e.preventDefault();
        const c = code.value.trim().toUpperCase();
        if (!/^[A-Z0-9]{4,8}$/.test(c))
          return void showNear(join, "Enter the match code shown by your instructor (6 letters and digits).");
        if (!name.value.trim()) return void showNear(join, "Enter your name first.");
        stored.saveName(name.value.trim());
        actions.open(c, seat.value, seat.value === "spectator" ? view.value : undefined, role.value());
      },
    },
    h("div", { class: "grid2" }, field("Code", code), field("Seat", seat)),
    viewField,
    role.field,
    join,
  );
  const matches = h("ul", { class: "matches", testid: "public-matches" });
  const refresh = () => refreshMatches(matches, actions, name);
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  const el = h(
    "div",
    { class: "home", testid: "home" },
    h(
      "header",
      null,
      h("h1", null, "SKYSHIELD"),
      h("p", null, "Air-defence exercise: plan a layered defence, fight the night, learn the cost exchange."),
      h(
        "a",
        { href: "#/history", class: "button-link", testid: "open-history" },
        "Match history, replays and debriefs",
      ),
      h("a", { href: "#/analysis", class: "button-link", testid: "open-analysis" }, "What-if analysis"),
    ),
    h(
      "div",
      { class: "cols" },
      h("section", { "aria-label": "Create a match" }, h("h2", null, "Your name"), name, createSection),
      h(
        "div",
        null,
        h("section", { "aria-label": "Join a match" }, h("h2", null, "Join by code"), joinForm),
        h(
          "section",
          { "aria-label": "Public matches", style: "margin-top:18px" },
          h("h2", null, "Public matches"),
          matches,
        ),
      ),
    ),
  );
  return { el, destroy: () => clearInterval(timer) };
}

async function refreshMatches(
  list: HTMLElement,
  actions: HomeActions,
  name: HTMLInputElement,
): Promise<void> {
  let matches: MatchListing[];
  let scenarios: ScenarioListing[];
  try {
    [matches, scenarios] = await Promise.all([listMatches(), listScenarios()]);
  } catch (error) {
    list.replaceChildren(h("li", { class: "muted" }, describe(error)));
    return;
  }
  if (matches.length === 0) {
    list.replaceChildren(h("li", { class: "muted" }, "No public match is running."));
    return;
  }
  list.replaceChildren(
    ...matches.map((m) => {
      const go = (seat: string, view?: string) => {
        if (!name.value.trim() && seat !== "spectator") return void showNear(list, "Enter your name first.");
        stored.saveName(name.value.trim() || "Spectator");
        actions.open(m.code, seat, view);
      };
      return h(
        "li",
        { testid: "public-match", "data-code": m.code },
        h("span", { class: "code" }, m.code),
        h(
          "span",
          { class: "grow" },
          [
            m.scenarioName ?? m.scenario,
            ...variantTitles(scenarios.find((s) => s.id === m.scenario)?.variants, m.variants),
            m.phase,
            `round ${m.round}`,
          ].join(" · "),
          m.crews ? h("small", { class: "open-roles", testid: "open-roles" }, openRoles(m)) : null,
        ),
        h("button", { class: "small", onclick: () => go("defender") }, "Defend"),
        h("button", { class: "small", onclick: () => go("attacker") }, "Attack"),
        h("button", { class: "small", testid: "spectate", onclick: () => go("spectator", "truth") }, "Watch"),
      );
    }),
  );
}

/** "defender 5 roles open · attacker 3 roles open", from the listing. */
function openRoles(m: MatchListing): string {
  return (["defender", "attacker"] as const)
    .map((side) => {
      const open = m.crews?.[side].open ?? 0;
      return `${side} ${open} role${open === 1 ? "" : "s"} open`;
    })
    .join(" · ");
}

function createForm(actions: HomeActions, name: HTMLInputElement): HTMLElement {
  const scenarios = h(
    "div",
    { class: "scenarios", testid: "scenarios", role: "radiogroup" },
    h("p", { class: "muted" }, "Loading scenarios…"),
  );
  const pacing = select(
    [
      ["realtime", "real time"],
      ["wego", "we-go (stops for decisions)"],
    ],
    { testid: "pacing" },
  );
  const timeScale = h("input", { type: "number", min: "1", max: "600", value: "60", testid: "time-scale" });
  const interval = h("input", { type: "number", min: "1", max: "240", value: "15", testid: "wego-interval" });
  const scaleField = field("Time scale (× real time)", timeScale);
  const intervalField = field("Stop every (simulated minutes)", interval);
  intervalField.hidden = true;
  pacing.addEventListener("change", () => {
    scaleField.hidden = pacing.value !== "realtime";
    intervalField.hidden = pacing.value === "realtime";
  });
  const fills = {
    attacker: select(FILLS, { testid: "fill-attacker", value: "plan" }),
    defender: select(FILLS, { testid: "fill-defender" }),
    ally: select(FILLS, { testid: "fill-ally", value: "plan" }),
  };
  const allyField = field("Ally", fills.ally);
  const planning = h("input", {
    type: "number",
    min: "5",
    max: "3600",
    value: "300",
    testid: "planning-sec",
  });
  const autostart = h("input", { type: "checkbox", testid: "autostart" });
  const isPrivate = h("input", { type: "checkbox", testid: "private" });
  const delay = h("input", { type: "number", min: "0", max: "600", value: "0", testid: "spectator-delay" });
  const submit = h("button", { class: "primary", testid: "create-match", type: "submit" }, "Create match");
  let chosen: ScenarioListing | null = null;
  const variantsBox = h("div", { testid: "create-variants" });
  let variants = variantToggles([], "variant");

  listScenarios()
    .then((list) => {
      scenarios.replaceChildren(
        ...list.map((s, i) => {
          const radio = h("input", {
            type: "radio",
            name: "scenario",
            value: s.id,
            checked: i === 0,
            testid: `scenario-${s.id}`,
          });
          radio.addEventListener("change", () => choose(s));
          if (i === 0) choose(s);
          return h(
            "label",
            { class: "scenario" },
            radio,
            h(
              "span",
              null,
              h("b", null, s.name),
              h("span", { class: "muted" }, ` · ${s.rounds} night${s.rounds === 1 ? "" : "s"}`),
            ),
            h("span", { class: "desc" }, s.description),
          );
        }),
      );
    })
    .catch((error) => scenarios.replaceChildren(h("p", { class: "inline-error" }, describe(error))));

  function choose(s: ScenarioListing): void {
    chosen = s;
    allyField.hidden = (s.seats.ally ?? 0) === 0;
    variants = variantToggles(s.variants, "variant");
    variantsBox.replaceChildren(variants.el);
  }

  return h(
    "form",
    {
      testid: "create-form",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        if (!chosen) return void showNear(submit, "Choose a scenario first.");
        if (!name.value.trim()) return void showNear(submit, "Enter your name first.");
        stored.saveName(name.value.trim());
        const seats: CreateMatchOptions["seats"] = {
          attacker: fills.attacker.value as SeatFill,
          defender: fills.defender.value as SeatFill,
        };
        if (!allyField.hidden) seats.ally = fills.ally.value as SeatFill;
        const options: CreateMatchOptions = {
          scenario: chosen.id,
          variants: variants.chosen(),
          pacing:
            pacing.value === "realtime"
              ? { mode: "realtime", timeScale: Number(timeScale.value) }
              : { mode: "wego", intervalMin: Number(interval.value) },
          seats,
          autostart: autostart.checked,
          planningSec: Number(planning.value),
          private: isPrivate.checked,
          spectatorDelaySec: Number(delay.value),
        };
        submit.disabled = true;
        try {
          await actions.create(options, name.value.trim(), submit);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h("h2", null, "Create a match"),
    scenarios,
    h("h2", null, "Variants"),
    variantsBox,
    h("h2", null, "Pacing"),
    h("div", { class: "grid2" }, field("Mode", pacing), scaleField, intervalField),
    h("h2", null, "Who plays"),
    h(
      "div",
      { class: "seats-grid" },
      field("Attacker", fills.attacker),
      field("Defender", fills.defender),
      allyField,
    ),
    h("h2", null, "Options"),
    h(
      "div",
      { class: "grid2" },
      field("Planning time (s)", planning),
      field("Spectator delay (s)", delay),
      h("label", { class: "check" }, autostart, "Advance phases on timers (no instructor needed)"),
      h("label", { class: "check" }, isPrivate, "Private (not listed publicly)"),
    ),
    h(
      "div",
      { class: "row", style: "margin-top:12px" },
      h("span", { class: "grow muted" }, "You will run the match as instructor."),
      submit,
    ),
  );
}
