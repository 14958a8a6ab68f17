-- Tenants and the API keys that authenticate their callers until the login stack ([G]).
-- Written for PostgreSQL; the demo runs it on H2 in PostgreSQL mode, so only types both accept.

create table tenant (
    id                uuid primary key,
    slug              varchar(63)  not null unique,
    display_name      varchar(200) not null,
    status            varchar(16)  not null check (status in ('ACTIVE', 'SUSPENDED', 'DELETED')),
    created_at        timestamp with time zone not null,
    status_changed_at timestamp with time zone not null
);

create table api_key (
    id           uuid primary key,
    tenant_id    uuid         not null references tenant (id),
    name         varchar(100) not null,
    -- public part of the key, used to find the row; the secret part is only hashed
    key_prefix   varchar(16)  not null unique,
    secret_hash  bytea        not null,
    created_at   timestamp with time zone not null,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone
);

create index api_key_tenant on api_key (tenant_id);
