import { type Schema, StateView } from "@colyseus/schema";
import { LIVE_TAG } from "../../shared/wire/state.js";
import { isDelayedKey, type ViewKey } from "../match/view-keys.js";

/**
 * Fog of war on the wire: which schema items each client may decode. Every audience (server/match/
 * view-keys.ts) has one shared StateView that all its clients use, so its patch is encoded once (one
 * encoding pass per distinct view: docs/design.md). A client that switches perspective (instructor
 * `set-view`) gets a private view that follows the new perspective. Live audiences' views hold the
 * state's fields of the present (LIVE_TAG); a delayed audience's never do. A client stays live or
 * delayed for good (a spectator of a delayed match is always delayed), so a switch never crosses.
 */
export type ItemsOf = (key: ViewKey) => Iterable<Schema>;

export class ViewHub {
  private readonly shared = new Map<ViewKey, StateView>();
  private readonly followers = new Map<ViewKey, Set<StateView>>();

  /**
   * `itemsOf` lists a perspective's items, so a view created late starts with all of them; `root` is
   * the state, whose fields of the present live views show.
   */
  constructor(
    private readonly itemsOf: ItemsOf,
    private readonly root: Schema,
  ) {}

  /** The one view all clients of a perspective share. */
  sharedView(key: ViewKey): StateView {
    let view = this.shared.get(key);
    if (!view) {
      view = this.newView(key);
      this.shared.set(key, view);
      this.followersOf(key).add(view);
    }
    return view;
  }

  /** A new item among the fields of the present (a public asset) becomes visible to every live view. */
  addLive(item: Schema): void {
    for (const [key, views] of this.followers)
      if (!isDelayedKey(key)) for (const view of views) view.add(item);
  }

  isShared(view: StateView): boolean {
    return [...this.shared.values()].includes(view);
  }

  /** A new item of a perspective becomes visible to every view following it. */
  add(key: ViewKey, item: Schema): void {
    for (const view of this.followersOf(key)) view.add(item);
  }

  /**
   * Move one client from `fromKey` to `toKey`. A client on a shared view first gets a private copy that
   * already holds what it has decoded (so nothing is sent twice); then the old items are removed from its
   * view (the client drops them) and the new perspective's items are added.
   */
  switchView(current: StateView, fromKey: ViewKey, toKey: ViewKey): StateView {
    let view = current;
    if (this.isShared(current)) {
      view = this.newView(fromKey);
      view.changes.clear();
    } else {
      this.followersOf(fromKey).delete(view);
    }
    for (const item of this.itemsOf(fromKey)) view.remove(item);
    for (const item of this.itemsOf(toKey)) view.add(item);
    this.followersOf(toKey).add(view);
    return view;
  }

  /** Forget a private view whose client has left for good. */
  release(view: StateView): void {
    if (this.isShared(view)) return;
    for (const set of this.followers.values()) set.delete(view);
  }

  private newView(key: ViewKey): StateView {
    const view = new StateView();
    if (!isDelayedKey(key)) view.add(this.root, LIVE_TAG);
    for (const item of this.itemsOf(key)) view.add(item);
    return view;
  }

  private followersOf(key: ViewKey): Set<StateView> {
    let set = this.followers.get(key);
    if (!set) {
      set = new Set();
      this.followers.set(key, set);
    }
    return set;
  }
}
