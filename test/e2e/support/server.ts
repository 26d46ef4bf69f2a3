import { createGameServer, type GameServer, type GameServerConfig } from "../../../server/app.js";
import { DIST } from "./build.js";

/** The real game server on a free port, serving the built client. */
export interface RunningServer {
  url: string;
  game: GameServer;
  stop(): Promise<void>;
}

export async function startServer(config: GameServerConfig = {}): Promise<RunningServer> {
  const game = createGameServer({ logLevel: "warn", distDir: DIST, ...config });
  const port = await game.listen(0, "127.0.0.1");
  return { url: `http://127.0.0.1:${port}`, game, stop: () => game.shutdown() };
}
