-- One row per backup attempt of an org: what started it, where it is, what it did.
create table backup_run (
    id             uuid primary key,
    tenant_id      uuid         not null references tenant (id),
    org_id         uuid         not null references salesforce_org (id),
    trigger_kind   varchar(16)  not null check (trigger_kind in ('SCHEDULED', 'ON_DEMAND', 'RETRY')),
    attempt        integer      not null,
    retry_of       uuid references backup_run (id),
    state          varchar(16)  not null
        check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'STOPPED', 'FAILED')),
    node           varchar(200),
    queued_at      timestamp with time zone not null,
    started_at     timestamp with time zone,
    finished_at    timestamp with time zone,
    backup_number  bigint,
    objects_done   integer      not null default 0,
    rows_written   bigint       not null default 0,
    tombstones     bigint       not null default 0,
    api_calls      bigint       not null default 0,
    error_code     varchar(100),
    error_message  varchar(1000)
);

create index backup_run_tenant_org on backup_run (tenant_id, org_id, queued_at);
