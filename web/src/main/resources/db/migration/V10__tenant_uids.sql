-- The host uid each tenant's sandboxes run as, shared by every instance on the database: two
-- instances must never give two tenants one uid (nor one tenant two). Assigned from a sequence,
-- never reused, so files a deleted tenant's uid left behind never pass to another tenant.
create table tenant_uid (
    tenant_id   uuid primary key references tenant (id),
    uid_offset  integer not null unique check (uid_offset >= 0),
    assigned_at timestamp with time zone not null
);

create sequence tenant_uid_offset start with 0 minvalue 0;
