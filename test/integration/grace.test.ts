import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startServer, TestClient, type TestServer } from "./helpers.js";

/**
 * The last person leaving does not end the match: it stays open (listed, joinable by its code) for the
 * grace period, a return starts the wait over, and only a room left empty for the whole period closes.
 */
const GRACE_SEC = 2;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ emptyGraceSec: GRACE_SEC });
});
afterAll(async () => {
  await server.close();
});

async function listed(code: string): Promise<boolean> {
  return (await fetch(`${server.httpUrl}/api/matches/${code}`)).status === 200;
}

describe("an emptied match", () => {
  it("stays open for the grace period, then closes", async () => {
    const first = await TestClient.create(server.client(), {
      scenario: "training-range",
      seats: { attacker: "plan" },
      seat: "instructor",
      name: "White cell",
    });
    await first.waitFor(() => first.state.code !== "", "the code");
    const { code } = first.state;
    const roomId = first.room.roomId;
    await first.leave();
    await sleep((GRACE_SEC * 1000) / 2);
    expect(await listed(code)).toBe(true);
    // Someone comes back within the grace: the match is theirs again, and the wait starts over.
    const back = await TestClient.join(server.client(), roomId, { seat: "defender", name: "Blue" });
    await back.waitFor(() => back.state.code === code, "the match state");
    await sleep(GRACE_SEC * 1000 + 500);
    expect(await listed(code)).toBe(true);
    await back.leave();
    await sleep(GRACE_SEC * 1000 + 1500);
    expect(await listed(code)).toBe(false);
  });
});
