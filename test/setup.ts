/**
 * @colyseus/testing 0.16.3 hooks a colyseus.js method that 0.16.22 no longer has, so the client-side
 * `waitForNextPatch()` never resolves (docs/toolchain.md, pitfall 4). Resolve it on the next state change.
 */
import "@colyseus/testing";
import { Room } from "colyseus.js";

type PatchWaiter = { waitForNextPatch(additionalDelayMs?: number): Promise<unknown> };

(Room.prototype as unknown as PatchWaiter).waitForNextPatch = function (this: Room, additionalDelayMs = 0) {
  return new Promise((resolve) => {
    this.onStateChange.once((state) => setTimeout(() => resolve(state), additionalDelayMs));
  });
};
