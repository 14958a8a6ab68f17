-- OrgVault audit log: an append-only, per-tenant hash chain and its signed checkpoints.
-- Run with its own Flyway history table (e.g. audit_schema_history) so its versions never meet
-- web's db/migration ones. Placeholder ${audit_writer_role}: the role the application's login is a
-- member of; it may INSERT and SELECT, nothing else. Created here (NOLOGIN) when missing, which
-- needs CREATEROLE; otherwise create it beforehand.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${audit_writer_role}') THEN
    CREATE ROLE "${audit_writer_role}" NOLOGIN;
  END IF;
END
$$;

CREATE TABLE audit_event (
    tenant_id   text        NOT NULL,
    seq         bigint      NOT NULL CHECK (seq > 0),
    format      smallint    NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_id    text,
    actor_name  text,
    actor_role  text,
    source_ip   text,
    user_agent  text,
    action      text        NOT NULL,
    target_type text,
    target_id   text,
    outcome     text        NOT NULL,
    reason      text,
    request_id  text,
    prev_hash   bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash        bytea       NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (tenant_id, seq)
);

-- The viewer's filters; each ends in seq for keyset paging newest first.
CREATE INDEX audit_event_actor ON audit_event (tenant_id, actor_id, seq);
CREATE INDEX audit_event_action ON audit_event (tenant_id, action, seq);
CREATE INDEX audit_event_time ON audit_event (tenant_id, occurred_at, seq);

CREATE TABLE audit_checkpoint (
    tenant_id  text        NOT NULL,
    seq        bigint      NOT NULL CHECK (seq > 0),
    head_hash  bytea       NOT NULL CHECK (octet_length(head_hash) = 32),
    created_at timestamptz NOT NULL,
    format     smallint    NOT NULL,
    key_id     text        NOT NULL,
    signature  bytea       NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);

-- Defence in depth behind the grants: even the owner cannot change or remove a row through SQL.
-- A superuser can still disable these triggers; the hash chain and the signed checkpoints are
-- what catch that.
CREATE FUNCTION audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

REVOKE ALL ON audit_event, audit_checkpoint FROM PUBLIC;
GRANT SELECT, INSERT ON audit_event, audit_checkpoint TO "${audit_writer_role}";
GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO "${audit_writer_role}";
