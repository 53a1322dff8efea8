/**
 * The schema, as numbered migrations run by db.ts migrate() on PGlite and PostgreSQL alike.
 * Never edit a released migration; add the next number. A column two migrations add (numbers
 * landed out of order) is added with IF NOT EXISTS in both, so either order migrates.
 */
export interface Migration {
  version: number;
  statements: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE companies (
        company_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        usage_mode TEXT NOT NULL CHECK (usage_mode IN ('per-user', 'shared')),
        shared_serial TEXT,
        pin_hash TEXT NOT NULL
      )`,
      `CREATE TABLE tokens (
        serial TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('software', 'hardware')),
        sealed_seed BYTEA NOT NULL,
        algorithm TEXT NOT NULL CHECK (algorithm IN ('SHA1', 'SHA256', 'SHA512')),
        digits INTEGER NOT NULL CHECK (digits BETWEEN 6 AND 8),
        period INTEGER NOT NULL CHECK (period > 0),
        status TEXT NOT NULL CHECK (status IN ('unassigned', 'active', 'locked', 'suspended', 'retired')),
        company_id TEXT REFERENCES companies (company_id),
        reserved_for TEXT,
        last_step BIGINT NOT NULL,
        drift INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT
      )`,
      `CREATE INDEX tokens_company ON tokens (company_id) WHERE status <> 'retired'`,
      `CREATE INDEX tokens_unassigned_expiry ON tokens (expires_at) WHERE status = 'unassigned'`,
      `CREATE TABLE users (
        company_id TEXT NOT NULL REFERENCES companies (company_id),
        user_id TEXT NOT NULL,
        serial TEXT REFERENCES tokens (serial),
        stopped BOOLEAN NOT NULL DEFAULT FALSE,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (company_id, user_id)
      )`,
      `CREATE INDEX users_serial ON users (serial)`,
      `CREATE TABLE accounts (
        role TEXT NOT NULL CHECK (role IN ('admin', 'operator')),
        username TEXT NOT NULL,
        company_id TEXT REFERENCES companies (company_id),
        password_hash TEXT NOT NULL,
        PRIMARY KEY (role, username)
      )`,
      `CREATE TABLE audit (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        company_id TEXT,
        target TEXT NOT NULL,
        outcome TEXT NOT NULL
      )`,
      `CREATE INDEX audit_company ON audit (company_id, id)`,
    ],
  },
  {
    // Every state a second instance must share: sessions, limits, API clients, the internet-banking
    // password, the confirmation PIN's failures, the master key's check value; structured, chained audit.
    version: 2,
    statements: [
      `CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        username TEXT NOT NULL,
        company_id TEXT,
        csrf TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seen BIGINT NOT NULL
      )`,
      `CREATE INDEX sessions_last_seen ON sessions (last_seen)`,
      `CREATE TABLE limits (
        key TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        window_start BIGINT NOT NULL,
        blocked_until BIGINT NOT NULL,
        admit TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        pending INTEGER NOT NULL DEFAULT 0
      )`,
      `CREATE INDEX limits_updated ON limits (updated_at)`,
      `CREATE TABLE api_clients (
        name TEXT PRIMARY KEY,
        key_hash TEXT NOT NULL UNIQUE,
        created_at BIGINT NOT NULL,
        created_by TEXT NOT NULL,
        revoked_at BIGINT
      )`,
      // IF NOT EXISTS: databases of the release before this one have it from migration 4 already.
      `ALTER TABLE users ADD COLUMN IF NOT EXISTS password_hash TEXT`,
      `ALTER TABLE companies ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0`,
      `CREATE TABLE service_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
      `ALTER TABLE audit ADD COLUMN user_id TEXT`,
      `ALTER TABLE audit ADD COLUMN serial TEXT`,
      `ALTER TABLE audit ADD COLUMN address TEXT`,
      `ALTER TABLE audit ADD COLUMN detail TEXT`,
      `ALTER TABLE audit ADD COLUMN seq BIGINT UNIQUE`,
      `ALTER TABLE audit ADD COLUMN prev_hash TEXT`,
      `ALTER TABLE audit ADD COLUMN hash TEXT`,
      `ALTER TABLE audit ALTER COLUMN target DROP NOT NULL`,
      `CREATE INDEX audit_unsealed ON audit (id) WHERE hash IS NULL`,
      `CREATE INDEX audit_user ON audit (company_id, user_id, id)`,
      `CREATE TABLE audit_head (one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), seq BIGINT NOT NULL, hash TEXT NOT NULL)`,
      `INSERT INTO audit_head (seq, hash) VALUES (0, '')`,
    ],
  },
  {
    // Hardware tokens: event (HOTP) tokens beside time ones, and the vendor's end of validity.
    version: 3,
    statements: [
      `ALTER TABLE tokens ADD COLUMN type TEXT NOT NULL DEFAULT 'totp' CHECK (type IN ('totp', 'hotp', 'ocra'))`,
      `ALTER TABLE tokens ADD COLUMN valid_until BIGINT`,
    ],
  },
  {
    // Users imported in bulk carry the name the administrator's list gives them, and their initial
    // internet-banking password (scrypt; the column the administrator's password setting uses too).
    version: 4,
    statements: [
      `ALTER TABLE users ADD COLUMN display_name TEXT`,
      `ALTER TABLE users ADD COLUMN IF NOT EXISTS password_hash TEXT`,
    ],
  },
  {
    // Transaction signing: each bank token's separate OCRA key, and transfer challenges (used once).
    version: 5,
    statements: [
      `CREATE TABLE signing_keys (
        serial TEXT PRIMARY KEY REFERENCES tokens (serial),
        suite TEXT NOT NULL,
        sealed_seed BYTEA NOT NULL
      )`,
      `CREATE TABLE transfer_challenges (
        id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        serial TEXT NOT NULL REFERENCES tokens (serial),
        bank TEXT NOT NULL,
        branch TEXT NOT NULL,
        account TEXT NOT NULL,
        payee TEXT NOT NULL,
        amount BIGINT NOT NULL CHECK (amount > 0),
        nonce TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'refused')),
        used_at BIGINT
      )`,
      `CREATE INDEX transfer_challenges_company ON transfer_challenges (company_id, created_at)`,
    ],
  },
  {
    // The customer card (お客様カード), its sign-in challenges, and 事故設定 as a token status.
    version: 6,
    statements: [
      `CREATE TABLE customer_cards (
        company_id TEXT PRIMARY KEY REFERENCES companies (company_id),
        card_id TEXT NOT NULL,
        tags TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE card_challenges (
        id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        cells TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE INDEX card_challenges_account ON card_challenges (account, created_at)`,
      // 事故設定: the administrator's own suspension, apart from the bank's.
      `ALTER TABLE tokens DROP CONSTRAINT tokens_status_check`,
      `ALTER TABLE tokens ADD CONSTRAINT tokens_status_check
        CHECK (status IN ('unassigned', 'active', 'locked', 'suspended', 'accident', 'retired'))`,
    ],
  },
  {
    // Verification's write as a function: the batch of acceptances and their audit rows in one
    // statement, as before, but planned once per connection instead of for every batch (the plan
    // was most of the statement's cost). Written out here, as a migration must stay as released;
    // the casts let the body be explained on its own (tests/unit/server/planner-statistics.test.ts).
    version: 7,
    statements: [
      // A database that took the migrations out of order may get the audit columns after this.
      'SET LOCAL check_function_bodies = off',
      `CREATE OR REPLACE FUNCTION accept_steps(
        company_ids TEXT[], user_ids TEXT[], serials TEXT[], steps BIGINT[], drifts INT[],
        e_at BIGINT[], e_actor TEXT[], e_action TEXT[], e_company_id TEXT[], e_user_id TEXT[], e_serial TEXT[],
        e_outcome TEXT[], e_address TEXT[], e_detail TEXT[], e_target TEXT[]
      ) RETURNS SETOF TEXT LANGUAGE sql AS $fn$
        WITH accepted AS (
          UPDATE tokens t SET last_step = v.step, drift = v.drift, failures = 0
          FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[]) AS v(company_id, user_id, serial, step, drift)
          JOIN users u ON u.company_id = v.company_id AND u.user_id = v.user_id AND u.serial = v.serial AND NOT u.stopped
          WHERE t.serial = v.serial AND t.status = 'active' AND t.last_step < v.step
          RETURNING t.serial
        ), logged AS (
          INSERT INTO audit (at, actor, action, company_id, user_id, serial, outcome, address, detail, target)
          SELECT e.* FROM unnest($6::bigint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
            AS e(at, actor, action, company_id, user_id, serial, outcome, address, detail, target)
          JOIN accepted a ON a.serial = e.serial RETURNING 1
        )
        SELECT serial FROM accepted
      $fn$`,
    ],
  },
  {
    // Transfer signatures accepted in one call per batch (planned once, like accept_steps): open,
    // in time, the token still the user's and active, the user not stopped; their audit rows with them.
    version: 8,
    statements: [
      'SET LOCAL check_function_bodies = off',
      `CREATE OR REPLACE FUNCTION accept_challenges(
        ids TEXT[], nows BIGINT[],
        e_at BIGINT[], e_actor TEXT[], e_action TEXT[], e_company_id TEXT[], e_user_id TEXT[], e_serial TEXT[],
        e_outcome TEXT[], e_address TEXT[], e_detail TEXT[], e_target TEXT[]
      ) RETURNS SETOF TEXT LANGUAGE sql AS $fn$
        WITH v AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS v(id, now)),
        accepted AS (
          UPDATE transfer_challenges c SET state = 'accepted', used_at = v.now
          FROM v, users u, tokens t
          WHERE c.id = v.id AND c.state = 'open' AND c.expires_at > v.now
            AND u.company_id = c.company_id AND u.user_id = c.user_id AND u.serial = c.serial AND NOT u.stopped
            AND t.serial = c.serial AND t.status = 'active'
          RETURNING c.id
        ), logged AS (
          INSERT INTO audit (at, actor, action, company_id, user_id, serial, outcome, address, detail, target)
          SELECT e.at, e.actor, e.action, e.company_id, e.user_id, e.serial, e.outcome, e.address, e.detail, e.target
          FROM unnest($1::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
            AS e(challenge_id, at, actor, action, company_id, user_id, serial, outcome, address, detail, target)
          JOIN accepted a ON a.id = e.challenge_id RETURNING 1
        )
        SELECT id FROM accepted
      $fn$`,
    ],
  },
  {
    // Password attempts still being checked, apart from the failures: a request over the free
    // attempts waits for those in flight to finish instead of being refused for them. A database
    // that has not taken 2 yet gets the column with the table (2 has it too).
    version: 9,
    statements: [`ALTER TABLE IF EXISTS limits ADD COLUMN IF NOT EXISTS pending INTEGER NOT NULL DEFAULT 0`],
  },
  {
    // The acceptances' calls with only what varies per row: the audit row's company, user and serial
    // are the accepted row's own, its action and outcome fixed (half the arrays to send and parse).
    // And the chain's sealing in the database: the same text and hash as sql-audit.ts rowHash, so the
    // rows are not sent to the server and back; a call seals at most `max_rows`, so a seal never holds
    // the embedded database (and the event loop with it) for long.
    version: 10,
    statements: [
      'SET LOCAL check_function_bodies = off',
      `CREATE OR REPLACE FUNCTION accept_codes(
        company_ids TEXT[], user_ids TEXT[], serials TEXT[], steps BIGINT[], drifts INT[], ats BIGINT[], actors TEXT[], addresses TEXT[]
      ) RETURNS SETOF TEXT LANGUAGE sql AS $fn$
        WITH accepted AS (
          UPDATE tokens t SET last_step = v.step, drift = v.drift, failures = 0
          FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::bigint[], $7::text[], $8::text[])
            AS v(company_id, user_id, serial, step, drift, at, actor, address)
          JOIN users u ON u.company_id = v.company_id AND u.user_id = v.user_id AND u.serial = v.serial AND NOT u.stopped
          WHERE t.serial = v.serial AND t.status = 'active' AND t.last_step < v.step
          RETURNING t.serial, v.company_id, v.user_id, v.at, v.actor, v.address
        ), logged AS (
          INSERT INTO audit (at, actor, action, company_id, user_id, serial, outcome, address)
          SELECT a.at, a.actor, 'verify', a.company_id, a.user_id, a.serial, 'ok', a.address FROM accepted a RETURNING 1
        )
        SELECT serial FROM accepted
      $fn$`,
      `CREATE OR REPLACE FUNCTION accept_signatures(ids TEXT[], nows BIGINT[], actors TEXT[], details TEXT[])
      RETURNS SETOF TEXT LANGUAGE sql AS $fn$
        WITH accepted AS (
          UPDATE transfer_challenges c SET state = 'accepted', used_at = v.now
          FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS v(id, now, actor, detail), users u, tokens t
          WHERE c.id = v.id AND c.state = 'open' AND c.expires_at > v.now
            AND u.company_id = c.company_id AND u.user_id = c.user_id AND u.serial = c.serial AND NOT u.stopped
            AND t.serial = c.serial AND t.status = 'active'
          RETURNING c.id, c.company_id, c.user_id, c.serial, v.now, v.actor, v.detail
        ), logged AS (
          INSERT INTO audit (at, actor, action, company_id, user_id, serial, outcome, detail)
          SELECT a.now, a.actor, 'transfer', a.company_id, a.user_id, a.serial, 'ok', a.detail FROM accepted a RETURNING 1
        )
        SELECT id FROM accepted
      $fn$`,
      `CREATE OR REPLACE FUNCTION seal_audit(max_rows INT) RETURNS INT LANGUAGE plpgsql AS $fn$
      DECLARE
        ids BIGINT[]; texts TEXT[]; prevs TEXT[]; hashes TEXT[]; head_seq BIGINT; prev TEXT; n INT;
      BEGIN
        PERFORM pg_advisory_xact_lock(7266); -- one sealer at a time, whichever instance
        -- JSON.stringify's text of [id, at, actor, action, company_id, user_id, serial, outcome, address, detail]
        SELECT array_agg(a.id ORDER BY a.id), array_agg('[' || a.id || ',' || a.at
            || ',' || coalesce(to_json(a.actor)::text, 'null') || ',' || coalesce(to_json(a.action)::text, 'null')
            || ',' || coalesce(to_json(a.company_id)::text, 'null') || ',' || coalesce(to_json(a.user_id)::text, 'null')
            || ',' || coalesce(to_json(a.serial)::text, 'null') || ',' || coalesce(to_json(a.outcome)::text, 'null')
            || ',' || coalesce(to_json(a.address)::text, 'null') || ',' || coalesce(to_json(coalesce(a.detail, a.target))::text, 'null')
            || ']' ORDER BY a.id)
          INTO ids, texts FROM (SELECT * FROM audit WHERE hash IS NULL ORDER BY id LIMIT max_rows) a;
        n := coalesce(array_length(ids, 1), 0);
        IF n = 0 THEN RETURN 0; END IF;
        SELECT h.seq, h.hash INTO head_seq, prev FROM audit_head h FOR UPDATE;
        FOR i IN 1..n LOOP
          prevs[i] := prev;
          prev := encode(sha256(convert_to(prev || E'\\n' || texts[i], 'UTF8')), 'hex');
          hashes[i] := prev;
        END LOOP;
        UPDATE audit a SET seq = head_seq + v.o, prev_hash = v.prev, hash = v.hash
          FROM unnest(ids, prevs, hashes) WITH ORDINALITY AS v(id, prev, hash, o) WHERE a.id = v.id;
        UPDATE audit_head SET seq = head_seq + n, hash = prev;
        RETURN n;
      END
      $fn$`,
    ],
  },
  {
    // The acceptances' functions in PL/pgSQL: a LANGUAGE sql function's body is planned again at
    // every call (its plan lives only as long as the calling statement), a PL/pgSQL one's once per
    // connection. The same statements as migration 10 (the casts let the body be explained on its own);
    // on PostgreSQL 15 half the backend's CPU per batch.
    version: 11,
    statements: [
      'SET LOCAL check_function_bodies = off',
      `CREATE OR REPLACE FUNCTION accept_codes(
        company_ids TEXT[], user_ids TEXT[], serials TEXT[], steps BIGINT[], drifts INT[], ats BIGINT[], actors TEXT[], addresses TEXT[]
      ) RETURNS SETOF TEXT LANGUAGE plpgsql AS $fn$
      BEGIN
        RETURN QUERY
        WITH accepted AS (
          UPDATE tokens t SET last_step = v.step, drift = v.drift, failures = 0
          FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], $6::bigint[], $7::text[], $8::text[])
            AS v(company_id, user_id, serial, step, drift, at, actor, address)
          JOIN users u ON u.company_id = v.company_id AND u.user_id = v.user_id AND u.serial = v.serial AND NOT u.stopped
          WHERE t.serial = v.serial AND t.status = 'active' AND t.last_step < v.step
          RETURNING t.serial, v.company_id, v.user_id, v.at, v.actor, v.address
        ), logged AS (
          INSERT INTO audit (at, actor, action, company_id, user_id, serial, outcome, address)
          SELECT a.at, a.actor, 'verify', a.company_id, a.user_id, a.serial, 'ok', a.address FROM accepted a RETURNING 1
        )
        SELECT a.serial FROM accepted a;
      END
      $fn$`,
      `CREATE OR REPLACE FUNCTION accept_signatures(ids TEXT[], nows BIGINT[], actors TEXT[], details TEXT[])
      RETURNS SETOF TEXT LANGUAGE plpgsql AS $fn$
      BEGIN
        RETURN QUERY
        WITH accepted AS (
          UPDATE transfer_challenges c SET state = 'accepted', used_at = v.now
          FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) AS v(id, now, actor, detail), users u, tokens t
          WHERE c.id = v.id AND c.state = 'open' AND c.expires_at > v.now
            AND u.company_id = c.company_id AND u.user_id = c.user_id AND u.serial = c.serial AND NOT u.stopped
            AND t.serial = c.serial AND t.status = 'active'
          RETURNING c.id, c.company_id, c.user_id, c.serial, v.now, v.actor, v.detail
        ), logged AS (
          INSERT INTO audit (at, actor, action, company_id, user_id, serial, outcome, detail)
          SELECT a.now, a.actor, 'transfer', a.company_id, a.user_id, a.serial, 'ok', a.detail FROM accepted a RETURNING 1
        )
        SELECT a.id FROM accepted a;
      END
      $fn$`,
    ],
  },
  {
    // The bulk user import as a stored job (server/user-imports.ts): the lines wait here, each
    // initial password sealed under the master key, until an instance leases, hashes and inserts them.
    version: 12,
    statements: [
      `CREATE TABLE user_imports (
        id TEXT PRIMARY KEY,
        seq BIGINT GENERATED ALWAYS AS IDENTITY,
        company_id TEXT NOT NULL,
        actor TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        total INTEGER NOT NULL,
        imported INTEGER NOT NULL DEFAULT 0,
        rejected JSONB NOT NULL DEFAULT '[]',
        finished_at BIGINT
      )`,
      'CREATE INDEX user_imports_company ON user_imports (company_id, seq)',
      `CREATE TABLE user_import_lines (
        import_id TEXT NOT NULL REFERENCES user_imports (id) ON DELETE CASCADE,
        line INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        sealed_password BYTEA NOT NULL,
        holder TEXT,
        lease_until BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (import_id, line)
      )`,
      'CREATE INDEX user_import_lines_lease ON user_import_lines (lease_until)',
    ],
  },
  {
    // Audit rows chained per writer (each instance's store), hashed in Node and written already
    // chained with the acceptances that they record: no second pass that reads every row back and
    // updates it (a new version of the row and of each of its indexes), and no lock shared by the
    // instances. audit_writers holds each chain's head; a writer's start is itself a row of the
    // sealed chain (seal_audit), so a whole writer's chain deleted with its head is found too.
    // accept_codes_chained writes the rows chained when it accepts the whole batch, as Node hashed
    // them; when the database refuses some (a rival instance took the step first) it writes the
    // accepted ones plain, for seal_audit, as before. The writer's head moves only from the
    // `head_seq` the caller hashed from, so a stale head (an answer lost) fails and rolls back.
    version: 13,
    statements: [
      'SET LOCAL check_function_bodies = off',
      `ALTER TABLE audit ADD COLUMN writer TEXT`,
      `ALTER TABLE audit ADD COLUMN writer_seq BIGINT`,
      `CREATE TABLE audit_writers (writer TEXT PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL, started_at BIGINT NOT NULL)`,
      // The writers' rows have no place in the sealed chain: no index entry for their empty seq.
      // (A database that has not taken 2 yet gets the column, and its full index, from 2 after this.)
      `DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'audit' AND column_name = 'seq') THEN
          ALTER TABLE audit DROP CONSTRAINT IF EXISTS audit_seq_key;
          CREATE UNIQUE INDEX IF NOT EXISTS audit_seq ON audit (seq) WHERE seq IS NOT NULL;
        END IF;
      END $$`,
      // Every verification updates its token's row: room on each page lets the new version stay
      // there (a HOT update, no new index entries). New pages only; older ones as they are rewritten.
      `ALTER TABLE tokens SET (fillfactor = 80)`,
      `CREATE OR REPLACE FUNCTION accept_codes_chained(
        company_ids TEXT[], user_ids TEXT[], serials TEXT[], steps BIGINT[], drifts INT[], ats BIGINT[], actors TEXT[], addresses TEXT[],
        chain_writer TEXT, head_seq BIGINT, prevs TEXT[], hashes TEXT[]
      ) RETURNS SETOF TEXT LANGUAGE plpgsql AS $fn$
      DECLARE
        accepted TEXT[]; ords BIGINT[]; n INT := cardinality($3);
      BEGIN
        WITH a AS (
          UPDATE tokens t SET last_step = v.step, drift = v.drift, failures = 0
          FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[]) WITH ORDINALITY AS v(company_id, user_id, serial, step, drift, o)
          JOIN users u ON u.company_id = v.company_id AND u.user_id = v.user_id AND u.serial = v.serial AND NOT u.stopped
          WHERE t.serial = v.serial AND t.status = 'active' AND t.last_step < v.step
          RETURNING t.serial, v.o
        )
        SELECT array_agg(a.serial ORDER BY a.o), array_agg(a.o ORDER BY a.o) INTO accepted, ords FROM a;
        IF coalesce(cardinality(accepted), 0) = n THEN
          INSERT INTO audit (at, actor, action, company_id, user_id, serial, outcome, address, writer, writer_seq, prev_hash, hash)
          SELECT e.at, e.actor, 'verify', e.company_id, e.user_id, e.serial, 'ok', e.address, $9::text, $10::bigint + e.o, e.prev, e.hash
          FROM unnest($1::text[], $2::text[], $3::text[], $6::bigint[], $7::text[], $8::text[], $11::text[], $12::text[]) WITH ORDINALITY
            AS e(company_id, user_id, serial, at, actor, address, prev, hash, o)
          ORDER BY e.o;
          UPDATE audit_writers w SET seq = $10::bigint + n, hash = $12[n] WHERE w.writer = $9::text AND w.seq = $10::bigint;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'audit writer % is not at entry %', $9, $10 USING ERRCODE = 'serialization_failure';
          END IF;
        ELSIF accepted IS NOT NULL THEN
          INSERT INTO audit (at, actor, action, company_id, user_id, serial, outcome, address)
          SELECT e.at, e.actor, 'verify', e.company_id, e.user_id, e.serial, 'ok', e.address
          FROM unnest($1::text[], $2::text[], $3::text[], $6::bigint[], $7::text[], $8::text[]) WITH ORDINALITY
            AS e(company_id, user_id, serial, at, actor, address, o)
          WHERE e.o = ANY(ords) ORDER BY e.o;
        END IF;
        RETURN QUERY SELECT unnest(accepted);
      END
      $fn$`,
    ],
  },
];
