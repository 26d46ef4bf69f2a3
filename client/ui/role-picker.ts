import type { CrewRole, CrewSummary } from "../../shared/crews.js";
import { fetchScenario, lookupMatch } from "../net/api.js";
import { field, h } from "./dom.js";

/**
 * Picking a crew role when joining a side (docs/classroom.md, "Crews"): the side's roles from the
 * scenario, each with how many hold it (from the match listing), full ones disabled, and "first open
 * role" (the server's choice) first.
 */
type Side = keyof CrewSummary;
const SIDES: readonly string[] = ["attacker", "defender", "ally"];

function isSide(seat: string): seat is Side {
  return SIDES.includes(seat);
}

/** One option's words: "Sector North · 1 of 2", "Commander · open". */
export function roleLabel(role: CrewRole, holders: number): string {
  const taken = holders === 0 ? "open" : holders >= role.limit ? "full" : `${holders} of ${role.limit}`;
  return `${role.title} · ${taken}`;
}

export class RolePicker {
  readonly select = h("select", { testid: "join-role", "aria-label": "Crew role" });
  readonly field: HTMLLabelElement;
  private readonly note = h("small", { class: "muted", testid: "join-role-note" });
  private asked: string;
  private loads = 0;

  /** `initial`: the role a link asked for, chosen once the roles are known. */
  constructor(initial = "") {
    this.asked = initial;
    this.field = field("Role", this.select);
    this.field.append(this.note);
    this.field.hidden = true;
    this.select.addEventListener("change", () => (this.asked = this.select.value));
  }

  /** The role chosen, or undefined for the side's first open role. */
  value(): string | undefined {
    return this.field.hidden || this.select.value === "" ? undefined : this.select.value;
  }

  /** Show the roles of `seat` in the match with this code (hidden for seats that play no side). */
  async load(code: string, seat: string): Promise<void> {
    const load = ++this.loads;
    if (!isSide(seat) || !/^[A-Z0-9]{4,8}$/.test(code)) {
      this.field.hidden = true;
      return;
    }
    try {
      const match = await lookupMatch(code);
      const scenario = await fetchScenario(match.scenario, match.variants ?? []);
      if (load !== this.loads) return;
      this.show(scenario.roles[seat], match.crews?.[seat].held ?? {});
    } catch {
      // An unknown or mistyped code: no roles to offer; joining says why.
      if (load === this.loads) this.field.hidden = true;
    }
  }

  private show(roles: readonly CrewRole[], held: Record<string, number>): void {
    this.field.hidden = roles.length === 0;
    const options = roles.map((role) => {
      const holders = held[role.id] ?? 0;
      return h("option", { value: role.id, disabled: holders >= role.limit }, roleLabel(role, holders));
    });
    this.select.replaceChildren(h("option", { value: "" }, "First open role"), ...options);
    const askedOpen = options.find((o) => o.value === this.asked && !o.disabled);
    this.select.value = askedOpen ? this.asked : "";
    const open = roles.filter((role) => !held[role.id]).length;
    this.note.textContent = `${open} of ${roles.length} roles open`;
  }
}
