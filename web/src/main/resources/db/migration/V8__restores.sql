-- One restore of a tenant: a selection from the source org's store, planned against the target org
-- (the same org, or another org of the tenant) in the sandbox, then run (and continued after a stop)
-- once someone confirmed the plan's figures. JSON columns hold what the sandbox reported.
create table restore_job (
    id                  uuid primary key,
    tenant_id           uuid          not null references tenant (id),
    source_org_id       uuid          not null references salesforce_org (id),
    target_org_id       uuid          not null references salesforce_org (id),
    selection           text          not null,
    options             text          not null,
    state               varchar(16)   not null
        check (state in ('PLANNING', 'PLANNED', 'PLAN_FAILED', 'RUNNING', 'STOPPED', 'COMPLETED', 'FAILED')),
    node                varchar(200),
    -- the plan: sealed in the source store as restores/<restore_id>/
    restore_id          varchar(18)   check (restore_id ~ '^r-[0-9a-f]{16}$'),
    backup_number       bigint,
    selection_text      varchar(1000),
    records             bigint,
    estimated_api_calls bigint,
    totals              text,
    -- the runs: each continues the journal of the one before
    runs                integer       not null default 0,
    steps_done          integer       not null default 0,
    phase               varchar(16),
    current_object      varchar(80),
    step_succeeded      bigint        not null default 0,
    step_failed         bigint        not null default 0,
    outcomes            text,
    api_calls           bigint        not null default 0,
    stop_reason         varchar(1000),
    results_file        varchar(128),
    results_rows        bigint,
    error_code          varchar(100),
    error_message       varchar(1000),
    requested_by        varchar(200)  not null,
    requested_at        timestamp with time zone not null,
    planned_at          timestamp with time zone,
    confirmed_by        varchar(200),
    confirmed_at        timestamp with time zone,
    step_started_at     timestamp with time zone,
    finished_at         timestamp with time zone
);

create index restore_job_tenant_source on restore_job (tenant_id, source_org_id, requested_at);
