/**
 * Nothing reaches clients before it is durable. The local history file is written synchronously, so
 * without a replica everything passes at once; with Redis (server/store/replica.ts) the writes of a tick
 * are acknowledged a little later, and the state patch, feed and summaries that could show an accepted
 * order wait for them, in the order they were meant to go out.
 */
export class DurableGate {
  private chain: Promise<void> | undefined;

  constructor(
    /** Resolves when everything recorded so far is durable; undefined when it already is. */
    private readonly settled: () => Promise<void> | undefined,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Run `send` once everything recorded so far is durable (at once when it already is). */
  after(send: () => void): void {
    const pending = this.settled();
    if (!pending && !this.chain) {
      send();
      return;
    }
    const chain: Promise<void> = Promise.all([this.chain, pending])
      .then(send)
      .catch(this.onError)
      .finally(() => {
        if (this.chain === chain) this.chain = undefined;
      });
    this.chain = chain;
  }
}
