-- A tenant's daily backup window per org (the Quartz cron trigger is derived from it).
create table backup_schedule (
    org_id       uuid primary key references salesforce_org (id),
    tenant_id    uuid         not null references tenant (id),
    enabled      boolean      not null,
    window_start varchar(5)   not null,
    time_zone    varchar(64)  not null,
    updated_at   timestamp with time zone not null
);

create index backup_schedule_tenant on backup_schedule (tenant_id);
