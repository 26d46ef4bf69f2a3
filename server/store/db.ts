import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { deflateSync, inflateSync } from "node:zlib";
import Database from "better-sqlite3";

/**
 * The history database: one SQLite file in WAL mode (readers never wait for the recorder's writes),
 * with its schema brought up to date by numbered migrations recorded in `PRAGMA user_version`.
 */

export type Db = Database.Database;

/**
 * Migration N (1-based) turns a version N-1 database into version N. Append only: a released
 * migration is never edited, a change is a new entry.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE matches (
    id             TEXT PRIMARY KEY,
    code           TEXT NOT NULL,
    scenario_id    TEXT NOT NULL,
    scenario_name  TEXT NOT NULL,
    scenario       BLOB NOT NULL,              -- deflated JSON of the compiled scenario
    seed           INTEGER NOT NULL,
    options        TEXT NOT NULL,              -- JSON: the room's create options
    seats          TEXT NOT NULL,              -- JSON: SeatRecord[]
    instructor_key TEXT,                       -- secret: lets the instructor rejoin a recovered match
    status         TEXT NOT NULL CHECK (status IN ('running', 'finished', 'abandoned')),
    created_at     INTEGER NOT NULL,           -- ms since the epoch
    updated_at     INTEGER NOT NULL,
    finished_at    INTEGER,
    winner         TEXT,
    summary        TEXT,                       -- JSON: final MatchSummary
    end_round      INTEGER,
    end_phase      TEXT,
    end_t          REAL,
    branch_of      TEXT,
    branch_round   INTEGER,
    branch_t       REAL
  );
  CREATE INDEX matches_by_created ON matches (created_at);
  CREATE INDEX matches_by_scenario ON matches (scenario_id, created_at);
  CREATE INDEX matches_by_status ON matches (status);

  -- Every accepted command, in the order it was applied, with the world position it was applied at.
  CREATE TABLE commands (
    match_id  TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    round     INTEGER NOT NULL,
    phase     TEXT NOT NULL,
    t         REAL NOT NULL,
    issuer    TEXT NOT NULL,
    command   TEXT NOT NULL,
    PRIMARY KEY (match_id, seq)
  ) WITHOUT ROWID;

  -- World snapshots; after_seq = how many commands had been applied when it was taken.
  CREATE TABLE snapshots (
    match_id   TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    after_seq  INTEGER NOT NULL,
    round      INTEGER NOT NULL,
    phase      TEXT NOT NULL,
    t          REAL NOT NULL,
    reason     TEXT NOT NULL,
    body       BLOB NOT NULL,                  -- deflated JSON of the WorldSnapshot
    PRIMARY KEY (match_id, idx)
  ) WITHOUT ROWID;

  CREATE TABLE round_summaries (
    match_id  TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    round     INTEGER NOT NULL,
    t         REAL NOT NULL,
    summary   TEXT NOT NULL,
    PRIMARY KEY (match_id, round)
  ) WITHOUT ROWID;

  CREATE TABLE bookmarks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    match_id    TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    round       INTEGER NOT NULL,
    t           REAL NOT NULL,
    author      TEXT NOT NULL,
    note        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  );
  CREATE INDEX bookmarks_by_match ON bookmarks (match_id, round, t);

  -- Results computed from a record by re-simulating it (after-action review, event log); a cache.
  CREATE TABLE derived (
    match_id  TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    version   INTEGER NOT NULL,
    body      BLOB NOT NULL,
    PRIMARY KEY (match_id, kind)
  ) WITHOUT ROWID;
  `,
  `
  -- What a running match needs to come back exactly as it was (server/store/recovery.ts).
  ALTER TABLE matches ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
  UPDATE matches SET private = coalesce(json_extract(options, '$.private'), 0);
  ALTER TABLE matches ADD COLUMN spectator_key TEXT;  -- secret: opens the views kept for key holders
  ALTER TABLE matches ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE matches ADD COLUMN time_scale REAL;
  -- The latest moment the match was seen at (every tick that moved the clock), so recovery loses no time.
  ALTER TABLE matches ADD COLUMN reached_round INTEGER;
  ALTER TABLE matches ADD COLUMN reached_phase TEXT;
  ALTER TABLE matches ADD COLUMN reached_t REAL;

  -- Who is connected to a running match, with the credentials that take their place back after a
  -- restart: the Colyseus reconnection token and the seat's rejoin code (secrets, never served).
  CREATE TABLE identities (
    match_id      TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    session_id    TEXT NOT NULL,
    seat_id       TEXT NOT NULL,               -- "spectator" for spectators
    role          TEXT NOT NULL,
    name          TEXT NOT NULL,
    token         TEXT NOT NULL,
    rejoin_code   TEXT,
    view_key      TEXT NOT NULL,
    spectator_key INTEGER NOT NULL DEFAULT 0,  -- 1 when this spectator holds the spectator key
    PRIMARY KEY (match_id, session_id)
  ) WITHOUT ROWID;
  `,
  `
  -- The crews' side channel (docs/classroom.md, "Crews"): chat and markers as delivered, for replays
  -- and the debrief. body is the post's JSON (shared/side-channel.ts).
  CREATE TABLE side_posts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    match_id    TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    round       INTEGER NOT NULL,
    t           REAL NOT NULL,
    kind        TEXT NOT NULL,                -- "chat" | "marker"
    body        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  );
  CREATE INDEX side_posts_by_match ON side_posts (match_id, round, t);
  -- The crew role a person holds, so a recovered match gives it back with the seat.
  ALTER TABLE identities ADD COLUMN crew_role TEXT;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** Apply every migration newer than the file's version, each in its own transaction. */
export function migrate(db: Db): void {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new Error(
      `history database is at schema version ${from}, newer than this server's ${SCHEMA_VERSION}: upgrade the server`,
    );
  }
  for (let version = from + 1; version <= SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version - 1]);
      db.pragma(`user_version = ${version}`);
    })();
  }
}

export interface OpenOptions {
  readonly?: boolean;
  synchronous?: "NORMAL" | "FULL";
}

/** Open (creating directories and file as needed) and migrate the history database at `path`. */
export function openDb(path: string, options: OpenOptions = {}): Db {
  if (path !== ":memory:" && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false });
  // Several connections (recorder, analysis worker, a restarted server) may meet on one file.
  db.pragma("busy_timeout = 5000");
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    // WAL + NORMAL: a commit is in the WAL file (the OS's page cache) when it returns, so a killed
    // process loses nothing; a power cut may lose the last commits, never corrupt the file. FULL also
    // waits for the disk on every commit (see SKYSHIELD_DB_SYNC in README.md).
    db.pragma(`synchronous = ${options.synchronous ?? "NORMAL"}`);
    db.pragma("foreign_keys = ON");
    migrate(db);
  }
  return db;
}

/** JSON in a compact BLOB: snapshots and scenarios are large and compress ~10×. */
export function packJson(value: unknown): Buffer {
  return deflateSync(typeof value === "string" ? value : JSON.stringify(value), { level: 3 });
}

export function unpackJson<T>(blob: Buffer): T {
  return JSON.parse(inflateSync(blob).toString("utf8")) as T;
}
