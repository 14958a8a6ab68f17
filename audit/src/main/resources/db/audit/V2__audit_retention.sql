-- Retention: the only way rows leave the audit log. audit_prune (owner's rights) removes a
-- tenant's rows before the newest checkpoint created before the cutoff, keeping that checkpoint
-- and its row so the verifier can start from them, and never rows younger than the floor
-- ${audit_min_retention_days} days fixed here: a compromised application cannot prune recent
-- history. The caller records the pruning as an audit.prune event in the same transaction.

-- The triggers let through exactly the deletes audit_prune does (it marks its transaction with
-- the tenant). Anyone may set that mark, but only the owner has DELETE at all, and the owner can
-- disable the triggers anyway: the chain and checkpoints remain what detects tampering.
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('orgvault.audit_pruning', true) = OLD.tenant_id THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE FUNCTION audit_prune(p_tenant text, p_before timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    -- Pinned, temporary schema last: a caller's temp table cannot stand in for ours.
    SET search_path = "${flyway:defaultSchema}", pg_temp
AS
$$
DECLARE
  v_anchor bigint;
  v_rows   bigint;
BEGIN
  IF p_before > now() - make_interval(days => ${audit_min_retention_days}) THEN
    RAISE EXCEPTION 'audit rows are kept at least % days', ${audit_min_retention_days}
        USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT max(seq) INTO v_anchor
    FROM audit_checkpoint WHERE tenant_id = p_tenant AND created_at < p_before;
  IF v_anchor IS NULL THEN
    RETURN 0;
  END IF;
  -- The writer role can insert checkpoints, so a forged one could name any seq: the floor is
  -- also checked against the rows themselves.
  IF EXISTS (SELECT 1 FROM audit_event
              WHERE tenant_id = p_tenant AND seq < v_anchor
                AND occurred_at >= now() - make_interval(days => ${audit_min_retention_days})) THEN
    RAISE EXCEPTION 'audit_prune would remove rows younger than % days', ${audit_min_retention_days}
        USING ERRCODE = 'invalid_parameter_value';
  END IF;
  PERFORM set_config('orgvault.audit_pruning', p_tenant, true);
  DELETE FROM audit_event WHERE tenant_id = p_tenant AND seq < v_anchor;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  DELETE FROM audit_checkpoint WHERE tenant_id = p_tenant AND seq < v_anchor;
  PERFORM set_config('orgvault.audit_pruning', '', true);
  RETURN v_rows;
END
$$;

REVOKE ALL ON FUNCTION audit_prune(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_prune(text, timestamptz) TO "${audit_writer_role}";
