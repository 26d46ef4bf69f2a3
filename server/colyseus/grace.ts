import type { Delayed } from "@colyseus/core";

/** What the grace needs of the room: its auto-dispose switch and its clock. */
export interface GraceRoom {
  autoDispose: boolean;
  readonly clients: { readonly length: number };
  readonly clock: { setTimeout(handler: () => void, ms: number): Delayed };
}

/**
 * The last person leaving does not end a match: an empty room stays open for a grace period, so players
 * can come back by the code and the instructor by the rejoin link, and closes only if nobody came back.
 * When something else already holds the room open (the debrief's keep-alive, a recovered match's wait
 * for its people), that rule stands and the grace stays out of the way.
 */
export class EmptyRoomGrace {
  private timer: Delayed | undefined;

  constructor(
    private readonly room: GraceRoom,
    readonly graceSec: number,
  ) {}

  /** Someone left: if nobody is left, hold the room open for the grace period. */
  left(): void {
    if (this.room.clients.length > 0 || this.timer || !this.room.autoDispose) return;
    this.room.autoDispose = false;
    this.timer = this.room.clock.setTimeout(() => {
      this.timer = undefined;
      this.room.autoDispose = true;
    }, this.graceSec * 1000);
  }

  /** Someone is back: the room closes again only once it empties again. */
  joined(): void {
    if (!this.timer) return;
    this.timer.clear();
    this.timer = undefined;
    this.room.autoDispose = true;
  }
}
