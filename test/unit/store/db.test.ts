import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  migrate,
  openDb,
  packJson,
  SCHEMA_VERSION,
  schemaVersion,
  unpackJson,
} from "../../../server/store/db.js";
import { tempDir } from "./helpers.js";

describe("history database", () => {
  const tmp = tempDir();
  afterEach(() => tmp.cleanup());

  it("creates its directories, runs in WAL mode and migrates to the current schema version", () => {
    const path = join(tmp.dir, "a", "b", "history.db");
    const db = openDb(path);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(["bookmarks", "commands", "derived", "matches", "round_summaries", "snapshots"]),
    );
    db.close();
  });

  it("reopening an up-to-date file changes nothing; a file from a newer server is refused", () => {
    const path = join(tmp.dir, "history.db");
    openDb(path).close();
    const again = openDb(path);
    expect(() => migrate(again)).not.toThrow();
    again.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    again.close();
    expect(() => openDb(path)).toThrow(/schema version \d+, newer than this server's/);
  });

  it("packs JSON compactly and back", () => {
    const value = { tracks: Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, x: i / 3, y: -1 - i })) };
    const packed = packJson(value);
    expect(packed.length).toBeLessThan(JSON.stringify(value).length / 3);
    expect(unpackJson(packed)).toEqual(value);
  });
});
