import { defineConfig } from "vite";

/**
 * The browser client: sources in client/, production build to dist/ (served by the game server),
 * dev server on 5173 forwarding the API and the Colyseus routes to the game server on 2567.
 */
const GAME_SERVER = process.env.SKYSHIELD_SERVER_URL ?? "http://localhost:2567";

export default defineConfig({
  root: "client",
  publicDir: false,
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    // Phaser alone is ~1.2 MB minified; one chunk is fine for a LAN exercise tool.
    chunkSizeWarningLimit: 4000,
    sourcemap: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": GAME_SERVER,
      "/health": GAME_SERVER,
      "/matchmake": GAME_SERVER,
      // Colyseus room sockets live at /<processId>/<roomId>?sessionId=... on the game server.
      "^/[\\w-]+/[\\w-]+\\?sessionId=": { target: GAME_SERVER, ws: true },
    },
  },
  preview: { port: 4173 },
});
