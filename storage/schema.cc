#include "storage/schema.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <array>

namespace vekha::storage {

namespace {

// Migration N brings a database from version N-1 to N. Never edit a released migration: add one.
constexpr std::array<const char*, 12> kMigrations = {
    // 1: tasks, submissions with their evidence and values, the audit log. A task's id is the hash
    // of its identity (roadmap, activity, organisation, period key), so the primary key keeps the
    // identity unique.
    R"sql(
      CREATE TABLE tasks (
        id            TEXT PRIMARY KEY,
        roadmap       TEXT NOT NULL,
        activity      TEXT NOT NULL,
        organisation  TEXT NOT NULL,
        period_key    TEXT NOT NULL,
        kind          TEXT NOT NULL,
        origin        TEXT NOT NULL CHECK (origin IN ('plan', 'manual')),
        status        TEXT NOT NULL,
        opens         TEXT NOT NULL,
        due           TEXT,
        effective_due TEXT,
        finished_on   TEXT
      ) WITHOUT ROWID;
      CREATE TABLE submissions (
        id           INTEGER PRIMARY KEY,
        task_id      TEXT NOT NULL REFERENCES tasks(id),
        person       TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        comment      TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE evidence_files (
        submission_id INTEGER NOT NULL REFERENCES submissions(id),
        sha256        TEXT NOT NULL,
        size          INTEGER NOT NULL,
        original_name TEXT NOT NULL,
        media_type    TEXT NOT NULL,
        deliverable   TEXT NOT NULL
      );
      CREATE TABLE reported_values (
        submission_id INTEGER NOT NULL REFERENCES submissions(id),
        name          TEXT NOT NULL,
        value         REAL NOT NULL,
        unit          TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        event     TEXT NOT NULL,
        task_id   TEXT NOT NULL,
        details   TEXT NOT NULL,
        hash      TEXT NOT NULL
      );
    )sql",
    // 2: indexes for the readers (history by task; submissions of a task). Tasks have none
    // besides their id: every secondary index on them would be written out of order by a bulk
    // materialisation (ids are hashes) and cost more than the scans it saves.
    R"sql(
      CREATE INDEX submissions_by_task ON submissions (task_id, id);
      CREATE INDEX evidence_by_submission ON evidence_files (submission_id);
      CREATE INDEX values_by_submission ON reported_values (submission_id);
      CREATE INDEX audit_by_task ON audit_log (task_id, seq);
    )sql",
    // 3: rule firings (each rule, task, stage and repeat slot at most once) and the outbox of the
    // notifications they queue, written in the same transaction.
    R"sql(
      CREATE TABLE firings (
        rule     TEXT NOT NULL,
        task_id  TEXT NOT NULL,
        stage    TEXT NOT NULL,
        slot     INTEGER NOT NULL,
        fired_at TEXT NOT NULL,
        fired_on TEXT NOT NULL,
        PRIMARY KEY (rule, task_id, stage, slot)
      ) WITHOUT ROWID;
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        created_at      TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        rule            TEXT NOT NULL,
        task_id         TEXT NOT NULL,
        recipient       TEXT NOT NULL,
        channel         TEXT NOT NULL,
        template        TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'queued',
        attempts        INTEGER NOT NULL DEFAULT 0,
        payload         TEXT NOT NULL
      );
      CREATE INDEX outbox_by_status ON outbox (status, id);
    )sql",
    // 4: flags rules set on tasks.
    R"sql(
      CREATE TABLE flags (
        task_id TEXT NOT NULL,
        flag    TEXT NOT NULL,
        rule    TEXT NOT NULL,
        set_at  TEXT NOT NULL,
        PRIMARY KEY (task_id, flag)
      ) WITHOUT ROWID;
    )sql",
    // 5: delivery state of outbox messages: when the next attempt is due (NULL: at once), the
    // last error, and when the message went out.
    R"sql(
      ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
      ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
      ALTER TABLE outbox ADD COLUMN sent_at TEXT;
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
    )sql",
    // 6: named markers of the engine's progress (the last day rules were fired, for catch-up).
    R"sql(
      CREATE TABLE markers (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    )sql",
    // 7: access to the web pages and the API: tokens (by hash), sessions (by the hash of their
    // id), failed sign-ins per address, and named secrets (the calendar-feed key).
    R"sql(
      CREATE TABLE access_tokens (
        id         INTEGER PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        person     TEXT NOT NULL,
        label      TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE TABLE web_sessions (
        id_hash    TEXT PRIMARY KEY,
        person     TEXT NOT NULL,
        token_id   INTEGER NOT NULL REFERENCES access_tokens(id),
        csrf       TEXT NOT NULL,
        address    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE failed_sign_ins (
        address TEXT NOT NULL,
        at      TEXT NOT NULL
      );
      CREATE INDEX failed_sign_ins_by_address ON failed_sign_ins (address, at);
      CREATE TABLE secrets (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    )sql",
    // 8: the day the rules must look at a task again ('': at the next firing). The rules skip
    // a task until then, so a firing costs what changes, not how many tasks there are. Indexes
    // for the other daily look-ups: what opens (status, opens) and an activity's tasks (the
    // predecessors of dependent tasks, a roadmap's report).
    R"sql(
      ALTER TABLE tasks ADD COLUMN next_check TEXT NOT NULL DEFAULT '';
      CREATE INDEX tasks_to_check ON tasks (next_check);
      CREATE INDEX tasks_by_status ON tasks (status, opens);
      CREATE INDEX tasks_by_activity ON tasks (roadmap, activity, organisation);
    )sql",
    // 9: what the roadmaps monitor. The dates of the deployment's events (one per event,
    // organisation — '' for the municipality — and period key), and the reported values of its
    // indicators, kept in the order they came.
    R"sql(
      CREATE TABLE event_dates (
        event        TEXT NOT NULL,
        organisation TEXT NOT NULL,
        period_key   TEXT NOT NULL,
        happened_on  TEXT NOT NULL,
        person       TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        note         TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (event, organisation, period_key)
      ) WITHOUT ROWID;
      CREATE TABLE indicator_values (
        id           INTEGER PRIMARY KEY,
        indicator    TEXT NOT NULL,
        organisation TEXT NOT NULL,
        period       TEXT NOT NULL,
        value        REAL NOT NULL,
        person       TEXT NOT NULL,
        reported_at  TEXT NOT NULL,
        task_id      TEXT NOT NULL DEFAULT '',
        comment      TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX indicator_values_by_indicator ON indicator_values (indicator, organisation, period, id);
    )sql",
    // 10: the audit log's signed checkpoints, one per commit that appended events while a signing
    // key was configured (engine/audit_checkpoint.h).
    R"sql(
      CREATE TABLE audit_checkpoints (
        seq        INTEGER PRIMARY KEY,
        first      INTEGER NOT NULL,
        hash       TEXT NOT NULL,
        at         TEXT NOT NULL,
        public_key TEXT NOT NULL,
        signature  TEXT NOT NULL
      );
    )sql",
    // 11: failed sign-ins remember the hash of the token tried, so one person's mistyping is
    // throttled without locking out everyone else behind the same address.
    R"sql(
      ALTER TABLE failed_sign_ins ADD COLUMN token_hash TEXT NOT NULL DEFAULT '';
    )sql",
    // 12: signing in by a link sent by e-mail. Each person's link sessions hang on one token of
    // theirs marked `for_email_links`; the links are kept by the hash of their code, with who
    // invited (empty: the person asked) and when each was used; every request for a link is
    // recorded by address and e-mail, to limit how often either asks.
    R"sql(
      ALTER TABLE access_tokens ADD COLUMN for_email_links INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE sign_in_links (
        code_hash  TEXT PRIMARY KEY,
        person     TEXT NOT NULL,
        invited_by TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at    TEXT
      ) WITHOUT ROWID;
      CREATE INDEX sign_in_links_by_person ON sign_in_links (person, created_at);
      CREATE TABLE link_requests (
        address TEXT NOT NULL,
        email   TEXT NOT NULL,
        at      TEXT NOT NULL
      );
      CREATE INDEX link_requests_by_address ON link_requests (address, at);
      CREATE INDEX link_requests_by_email ON link_requests (email, at);
    )sql",
};

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

int SchemaVersionOf(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

void MigrateTo(SQLite::Database& db, int target) {
  while (true) {
    // The version is read inside the write transaction: another process may have migrated.
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    int version = SchemaVersionOf(db);
    if (version >= target) return;
    db.exec(kMigrations[static_cast<size_t>(version)]);
    db.exec(fmt::format("PRAGMA user_version = {}", version + 1));
    transaction.commit();
  }
}

}  // namespace vekha::storage
