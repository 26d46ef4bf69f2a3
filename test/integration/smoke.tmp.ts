import { createGameServer } from "../../server/app.js";
const game = createGameServer({ logLevel: "info" });
const port = await game.listen(0, "127.0.0.1");
const res = await fetch(`http://127.0.0.1:${port}/matchmake/create/match`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "atlantis", seat: "spectator", name: "x" }) });
console.log(res.status, await res.text());
await game.shutdown();
process.exit(0);
