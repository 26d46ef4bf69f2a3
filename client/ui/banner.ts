import type { ConnectionStatus } from "../net/session.js";
import { formatCountdown } from "../util/format.js";
import { h } from "./dom.js";

/**
 * The connection banner: counts down the seat-hold time while the client reconnects by itself, and
 * says plainly when the seat is gone.
 */
export class ConnectionBanner {
  private readonly el = document.getElementById("banner")!;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly onHome: () => void) {}

  show(status: ConnectionStatus): void {
    this.stopTimer();
    if (status.kind === "connected") {
      this.el.hidden = true;
      this.el.replaceChildren();
      return;
    }
    this.el.hidden = false;
    this.el.dataset.testid = "connection-banner";
    if (status.kind === "reconnecting") {
      this.el.className = "banner reconnecting";
      const deadline = Date.now() + status.secondsLeft * 1000;
      const text = h("span", { class: "num" });
      const tick = () => {
        text.textContent = `Connection lost: reconnecting (attempt ${status.attempt})… your seat is held for ${formatCountdown((deadline - Date.now()) / 1000)}. Nothing is lost.`;
      };
      tick();
      this.timer = setInterval(tick, 500);
      this.el.replaceChildren(text);
    } else {
      this.el.className = "banner";
      this.el.replaceChildren(
        h("span", null, status.reason),
        h("button", { onclick: () => location.reload() }, "Try again"),
        h("button", { onclick: this.onHome }, "Home"),
      );
    }
  }

  hide(): void {
    this.show({ kind: "connected" });
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
