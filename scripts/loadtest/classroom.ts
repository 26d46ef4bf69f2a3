/**
 * The classroom of `loadtest --crews` (docs/classroom.md, "Load test of a classroom"): one compact-shield
 * match with both crews full (attacker commander, three strike planners and intelligence; defender
 * commander, four sector officers, sensor officer and logistics; an ally), an instructor and spectators
 * up to 30 clients. Each night's planning the crews give the scenario's default plan, each order from the
 * role it belongs to (salvos from their planner, deployments from their sector's officer, sensors from
 * the sensor officer, purchases from logistics, doctrine from the commander); then the instructor starts
 * the night (having opened the first planning from the lobby), and moves on after each assessment. Every player chats to the side or the role now and then
 * and places a marker every fourth time; the instructor writes to all. Its clients are a fleet of their
 * own, so their bytes are reported apart.
 */
import type { Room } from "colyseus.js";
import { loadDefaultPlans, loadScenario, resolvePlan } from "../../server/scenarios/loader.js";
import { rolesOf, sectorAt } from "../../shared/crews.js";
import { type MatchState, scoresOf } from "../../shared/wire/state.js";
import type { Command } from "../../sim/api.js";
import { planCommands } from "../../sim/plans.js";
import type { Fleet } from "./fleet.js";

export const CLASSROOM_SCENARIO = "compact-shield";
export const CLASSROOM_CLIENTS = 30;
const CREW = [
  "defender/commander",
  "defender/sector-north",
  "defender/sector-centre",
  "defender/sector-jerusalem",
  "defender/sector-south",
  "defender/sensor",
  "defender/logistics",
  "attacker/commander",
  "attacker/planner-north",
  "attacker/planner-centre",
  "attacker/planner-south",
  "attacker/intelligence",
  "ally/coalition-air",
] as const;
/** Each player posts about this often; players start staggered over the first period. */
const POST_EVERY_MS = 20_000;
/** Between the crews' orders and the instructor starting the night. */
const ORDERS_SETTLE_MS = 2000;

export class Classroom {
  posts = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly handled = new Set<string>();
  private readonly scenario = loadScenario(CLASSROOM_SCENARIO);
  private readonly plans = loadDefaultPlans(CLASSROOM_SCENARIO);

  private constructor(
    private readonly instructor: Room<MatchState>,
    private readonly players: Map<string, Room<MatchState>>,
  ) {}

  /** Creates the match through endpoint `via` and seats the class; undefined when the create failed. */
  static async open(fleet: Fleet, via: number, timeScale: number): Promise<Classroom | undefined> {
    const instructor = await fleet.create(via, {
      scenario: CLASSROOM_SCENARIO,
      planningSec: 3600,
      pacing: { mode: "realtime", timeScale },
      spectatorViews: { truth: "open", attacker: "open", defender: "open" },
      seat: "instructor",
      name: "Teacher",
    });
    if (!instructor) return undefined;
    const players = new Map<string, Room<MatchState>>();
    for (const key of CREW) {
      const [seat, role] = key.split("/") as ["attacker" | "defender" | "ally", string];
      const room = await fleet.join(via, instructor.roomId, { seat, role, name: key.replace("/", " ") });
      if (room) players.set(key, room);
    }
    const views = ["truth", "attacker", "defender"] as const;
    const spectators = CLASSROOM_CLIENTS - 1 - CREW.length;
    await Promise.all(
      Array.from({ length: spectators }, (_, i) =>
        fleet.join(via, instructor.roomId, { seat: "spectator", name: `pupil-${i}`, view: views[i % 3] }),
      ),
    );
    return new Classroom(instructor, players);
  }

  /** Where the match got to: round, phase, threats launched and intercepted (the instructor sees the truth). */
  where(): string {
    const { round, phase } = this.instructor.state;
    const scores = scoresOf(this.instructor.state);
    return `round ${round} ${phase}, ${scores.threats_launched} threats launched, ${scores.threats_intercepted} intercepted`;
  }

  /** Chatter and phase control until `stop`. */
  start(): void {
    [...this.players.values()].forEach((room, i) => {
      const stagger = setTimeout(
        () => {
          let n = 0;
          const post = () => this.post(room, n++);
          post();
          this.timers.push(setInterval(post, POST_EVERY_MS));
        },
        (i * POST_EVERY_MS) / this.players.size,
      );
      this.timers.push(stagger);
    });
    this.timers.push(
      setInterval(() => {
        this.instructor.send("chat", { channel: "all", text: "Keep your reports short, please." });
        this.posts++;
      }, 3 * POST_EVERY_MS),
    );
    this.instructor.onStateChange((state) => this.onPhase(state));
    this.onPhase(this.instructor.state);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private post(room: Room<MatchState>, n: number): void {
    this.posts++;
    if (n % 4 === 3) {
      room.send("marker", {
        at: this.scenario.sectors[n % this.scenario.sectors.length].at,
        label: `mark ${n}`,
      });
      return;
    }
    room.send("chat", { channel: n % 2 === 0 ? "side" : "role", text: `report ${n}: all quiet here` });
  }

  private onPhase(state: MatchState): void {
    const key = `${state.round}/${state.phase}`;
    if (this.handled.has(key)) return;
    if (state.phase === "planning") {
      this.handled.add(key);
      this.giveOrders(state.round);
      this.timers.push(setTimeout(() => this.instructor.send("advance-phase", {}), ORDERS_SETTLE_MS));
    } else if (state.phase === "lobby" || state.phase === "assessment") {
      this.handled.add(key);
      this.instructor.send("advance-phase", {});
    }
  }

  private giveOrders(round: number): void {
    const plans = [
      resolvePlan(this.plans.defender, this.scenario),
      resolvePlan(this.plans.attacker, this.scenario),
    ];
    for (const command of plans.flatMap((plan) => planCommands(plan, round))) {
      const room = this.players.get(this.roleFor(command));
      const { type, side: _side, ...fields } = command;
      room?.send(type, fields);
    }
  }

  /** The crew role a default plan's order belongs to (docs/classroom.md, "Crews"). */
  private roleFor(command: Command): string {
    switch (command.type) {
      case "deploy":
        if (this.scenario.catalogue.sensors[command.unitType]) return "defender/sensor";
        return `defender/sector-${sectorAt(this.scenario.sectors, command.at)?.id}`;
      case "buy-resupply":
        return "defender/logistics";
      case "plan-salvo": {
        const planner = rolesOf(this.scenario).attacker.find((r) => r.zones?.includes(command.zone));
        return `attacker/${planner?.id}`;
      }
      default:
        return `${command.side}/commander`;
    }
  }
}
