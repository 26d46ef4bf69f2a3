import { fetchPublicUrl } from "../net/api.js";
import { fill, h } from "./dom.js";
import { copyableLink, joinLink, qrElement } from "./qr.js";

/** How long an emptied match waits for its people (server/app.ts EMPTY_GRACE_SEC). */
export const EMPTY_GRACE_MIN = 10;

/**
 * How people reach a match: the join QR and links built on the server's public URL (with a warning
 * when that can only be this computer's own loopback address), the classroom screen's link (with the
 * spectator key, which opens the truth view while people play), and for the instructor a rejoin link
 * with the instructor key, so another device (or a reopened tab) takes the console.
 */
export function shareBlock(
  code: string,
  keys: { instructorKey?: string; spectatorKey?: string },
): HTMLElement {
  const { instructorKey, spectatorKey } = keys;
  const box = h("div", { testid: "share" }, h("p", { class: "muted" }, "Preparing the join links…"));
  void fetchPublicUrl().then((publicUrl) => {
    const base = publicUrl.url;
    const warning = publicUrl.loopback
      ? h(
          "p",
          { class: "inline-error", testid: "loopback-warning" },
          `This link points at this computer only (${new URL(base).host}): phones and other computers cannot open it. Open the game by this computer's network address, or start the server with PUBLIC_URL set to the address players use.`,
        )
      : null;
    const rejoin = instructorKey
      ? h(
          "details",
          { class: "rejoin", testid: "rejoin" },
          h("summary", null, "Your instructor link (keep it private)"),
          h(
            "p",
            { class: "muted" },
            "Open it on another device, or after closing this tab, to take the console again.",
          ),
          copyableLink(joinLink(base, code, { seat: "instructor", key: instructorKey }), "link-instructor"),
          qrElement(joinLink(base, code, { seat: "instructor", key: instructorKey }), "rejoin-qr"),
        )
      : null;
    fill(
      box,
      h(
        "div",
        { class: "row share-row" },
        qrElement(joinLink(base, code), "join-qr"),
        h(
          "div",
          { class: "grow" },
          h("div", { class: "muted" }, "Players scan the code or open:"),
          copyableLink(joinLink(base, code), "join-link"),
          h("div", { class: "muted" }, "Classroom screen (spectator):"),
          copyableLink(
            joinLink(base, code, { seat: "spectator", view: "truth", skey: spectatorKey }),
            "link-spectator",
          ),
        ),
      ),
      warning,
      rejoin,
      h(
        "p",
        { class: "muted", testid: "grace-note" },
        `If everyone leaves, the match stays open for ${EMPTY_GRACE_MIN} minutes for people to come back.`,
      ),
    );
  });
  return box;
}
