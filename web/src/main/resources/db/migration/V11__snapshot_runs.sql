-- Snapshots of a tenant's stores to S3 (twice a day, or on an operator's request): one row per
-- run over all the tenant's org stores; the snapshots themselves live in the bucket.
create table snapshot_run (
    id              uuid primary key,
    tenant_id       uuid        not null references tenant (id),
    trigger_kind    varchar(16) not null check (trigger_kind in ('SCHEDULED', 'ON_DEMAND')),
    state           varchar(16) not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    queued_at       timestamp with time zone not null,
    started_at      timestamp with time zone,
    finished_at     timestamp with time zone,
    stores          integer,
    files_uploaded  integer,
    bytes_uploaded  bigint,
    files_stored    integer,
    bytes_stored    bigint,
    snapshots_pruned integer,
    snapshot_ids    varchar(4000),
    error_code      varchar(100),
    error_message   varchar(1000)
);

create index snapshot_run_tenant on snapshot_run (tenant_id, queued_at);
