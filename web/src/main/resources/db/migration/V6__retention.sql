-- A tenant's retention policy (absent: every backup is kept) and the runs that applied it.
create table retention_policy (
    tenant_id    uuid primary key references tenant (id),
    keep_daily   integer     not null,
    keep_monthly integer     not null,
    keep_last    integer     not null,
    compact      boolean     not null,
    run_at       varchar(5)  not null,
    time_zone    varchar(64) not null,
    updated_at   timestamp with time zone not null
);

create table retention_run (
    id            uuid primary key,
    tenant_id     uuid        not null references tenant (id),
    trigger_kind  varchar(16) not null check (trigger_kind in ('SCHEDULED', 'ON_DEMAND')),
    state         varchar(16) not null check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    queued_at     timestamp with time zone not null,
    started_at    timestamp with time zone,
    finished_at   timestamp with time zone,
    kept          integer,
    dropped       integer,
    compactions   integer,
    error_code    varchar(100),
    error_message varchar(1000)
);

create index retention_run_tenant on retention_run (tenant_id, queued_at);
