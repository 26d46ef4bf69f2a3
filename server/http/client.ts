import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";

/**
 * The built client (Vite's dist/): static files, and index.html for any other GET so client-side
 * routes (/join/K7QF2M, /history, ...) load the app. Without a build, a plain hint instead.
 */
export function clientRouter(distDir: string): Router {
  const router = Router();
  const indexFile = join(distDir, "index.html");
  router.use(express.static(distDir, { index: false, fallthrough: true }));
  router.get("/{*path}", (_req, res) => {
    if (existsSync(indexFile)) return res.sendFile(indexFile);
    res
      .status(404)
      .type("text/plain")
      .send("The client is not built yet: run `npm run build` (or `npm start`).");
  });
  return router;
}
