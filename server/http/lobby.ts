import { matchMaker } from "@colyseus/core";
import { type Request, type Response, Router } from "express";
import { rolesOf } from "../../shared/crews.js";
import { MAX_MATCH_VARIANTS } from "../../shared/protocol.js";
import { MATCH_ROOM_NAME, type MatchMetadata } from "../colyseus/metadata.js";
import { normalizeCode } from "../match/codes.js";
import { type ScenarioSource, scenarioForMatch } from "../scenarios/source.js";

/**
 * The JSON API: scenarios for the lobby and the map, public matches, and join-code lookup. Matches come
 * from the matchmaking driver's listings, so with Redis every process answers for every match.
 */
export function notFound(res: Response, error: string, message: string): void {
  res.status(404).json({ error, message });
}

interface Listing {
  roomId: string;
  private: boolean;
  metadata: MatchMetadata;
}

async function matchListings(): Promise<Listing[]> {
  const rooms = await matchMaker.query({ name: MATCH_ROOM_NAME });
  return rooms.flatMap((room) =>
    room.metadata?.code
      ? [{ roomId: room.roomId, private: room.private, metadata: room.metadata as MatchMetadata }]
      : [],
  );
}

export function lobbyRouter(scenarios: ScenarioSource): Router {
  const router = Router();

  router.use((_req, res, next) => {
    // Read-only public data: any origin may read it (the Vite dev server runs on another port).
    res.setHeader("Access-Control-Allow-Origin", "*");
    next();
  });

  router.get("/scenarios", (_req, res) => {
    // Each scenario with the variants a lesson may pick (what they change is in the scenario itself).
    res.json(
      scenarios.list().map((listing) => ({
        ...listing,
        variants: (scenarios.load(listing.id)?.variants ?? []).map(({ id, title, description }) => ({
          id,
          title,
          description,
        })),
      })),
    );
  });

  // `?variants=a,b`: the scenario as a match with those variants plays it.
  router.get("/scenarios/:id", (req: Request<{ id: string }>, res) => {
    const listed = scenarios.list().some((s) => s.id === req.params.id);
    if (!listed) return notFound(res, "unknown_scenario", `no scenario '${req.params.id}'`);
    const query = req.query.variants;
    const variants = typeof query === "string" && query !== "" ? query.split(",") : [];
    if (variants.length > MAX_MATCH_VARIANTS) {
      return res.status(400).json({ error: "invalid", message: `at most ${MAX_MATCH_VARIANTS} variants` });
    }
    const chosen = scenarioForMatch(scenarios, req.params.id, variants);
    if (!chosen.ok) return res.status(400).json({ error: "unknown_variant", message: chosen.message });
    res.json({ ...chosen.scenario, roles: rolesOf(chosen.scenario) });
  });

  router.get("/matches", async (_req, res) => {
    const listings = await matchListings();
    res.json(
      listings
        .filter((listing) => !listing.private)
        .map(({ roomId, metadata }) => ({ roomId, ...metadata }))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    );
  });

  router.get("/matches/:code", async (req: Request<{ code: string }>, res) => {
    const code = normalizeCode(req.params.code);
    const listing = code ? (await matchListings()).find((l) => l.metadata.code === code) : undefined;
    if (!listing) return notFound(res, "unknown_match", `no running match with code '${req.params.code}'`);
    const { scenario, scenarioName, variants, phase, round, rounds, seats, crews, spectators } =
      listing.metadata;
    res.json({
      roomId: listing.roomId,
      code,
      scenario,
      scenarioName,
      variants,
      phase,
      round,
      rounds,
      seats,
      crews,
      spectators,
    });
  });

  router.use((req, res) => notFound(res, "not_found", `no API route ${req.method} ${req.originalUrl}`));
  return router;
}
