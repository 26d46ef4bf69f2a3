import type { RecordedSidePost } from "../../shared/history.js";
import type { ViewName } from "../../shared/protocol.js";
import { postInView, type SidePost } from "../../shared/side-channel.js";
import { h } from "../ui/dom.js";
import { formatClock } from "../util/format.js";

/**
 * The crews' side channel as the match history keeps it (docs/classroom.md, "The side channel"): the
 * replay's feed shows each post when the replay passes it, filtered by the replay's view as it reached
 * people live; the debrief lists the match's posts by side.
 */

const CHANNEL_LABEL = { side: "the side", role: "the role", all: "everyone" } as const;

/** "Dana (sector-north) to the side: hold fire in the north", "Dana (sector-north) marked “gap” at …". */
export function postLine({ kind, post }: SidePost): string {
  const who = `${post.from} (${post.role})`;
  if (kind === "chat") return `${who} to ${CHANNEL_LABEL[post.channel]}: ${post.text}`;
  return `${who} marked “${post.label}” at ${Math.round(post.at.x)}, ${Math.round(post.at.y)} km`;
}

/** The posts of a recorded match placed on the replay's match axis. */
export class ReplayPosts {
  private readonly placed: { x: number; post: RecordedSidePost }[];

  constructor(posts: readonly RecordedSidePost[], xOf: (round: number, t: number) => number) {
    this.placed = posts.map((post) => ({ x: xOf(post.post.round, post.post.t), post }));
  }

  /** The posts seen from `view` after `fromX` (exclusive; below 0 from the start) up to `toX`, oldest first. */
  between(view: ViewName, fromX: number, toX: number): RecordedSidePost[] {
    return this.placed
      .filter(({ x, post }) => x > fromX && x <= toX && postInView(post, view))
      .map(({ post }) => post);
  }
}

/** A post as a row of the replay's feed. */
export function postRow(post: SidePost): HTMLElement {
  return h(
    "li",
    { class: `k-${post.kind} cat-crew`, testid: "replay-post", "data-side": post.post.side || "instructor" },
    h("time", null, formatClock(post.post.t)),
    h("span", null, postLine(post)),
  );
}

const SIDES: { side: string; title: string }[] = [
  { side: "attacker", title: "Attacker" },
  { side: "defender", title: "Defender" },
  { side: "ally", title: "Allies" },
  { side: "", title: "Instructor" },
];

/** The debrief's list of the match's chat and markers, one list per side. */
export function postsBySide(posts: readonly RecordedSidePost[]): HTMLElement {
  const groups = SIDES.map(({ side, title }) => ({
    side,
    title,
    posts: posts.filter((p) => p.post.side === side),
  }))
    .filter((group) => group.posts.length > 0)
    .map(({ side, title, posts: own }) =>
      h(
        "div",
        { "data-side": side || "instructor" },
        h("h3", null, title),
        h(
          "ul",
          { class: "debrief-posts" },
          ...own.map((p) =>
            h(
              "li",
              null,
              h("time", null, `Round ${p.post.round} ${formatClock(p.post.t)}`),
              ` ${postLine(p)}`,
            ),
          ),
        ),
      ),
    );
  return h(
    "div",
    { testid: "debrief-posts" },
    ...(groups.length > 0 ? groups : [h("p", { class: "muted" }, "Nobody chatted or placed a marker.")]),
  );
}
