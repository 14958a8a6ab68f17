-- Salesforce org connections and what the OAuth web-server flow needs.

-- Per-tenant key that seals the tenant's Salesforce tokens, wrapped by the platform KEK.
create table tenant_token_key (
    tenant_id   uuid primary key references tenant (id),
    kek_id      varchar(100) not null,
    wrapped_key bytea        not null,
    created_at  timestamp with time zone not null
);

-- An authorization in progress: single use, short-lived. The state is kept only as a hash; the
-- PKCE verifier is sealed under the tenant's token key.
create table oauth_authorization (
    id              uuid primary key,
    tenant_id       uuid          not null references tenant (id),
    state_hash      bytea         not null unique,
    sealed_verifier bytea         not null,
    label           varchar(100)  not null,
    login_url       varchar(255)  not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null
);

create index oauth_authorization_tenant on oauth_authorization (tenant_id);

create table salesforce_org (
    id                    uuid primary key,
    tenant_id             uuid          not null references tenant (id),
    label                 varchar(100)  not null,
    login_url             varchar(255)  not null,
    instance_url          varchar(255)  not null,
    sf_org_id             varchar(18)   not null,
    sf_user_id            varchar(18)   not null,
    sf_username           varchar(255)  not null,
    sealed_refresh_token  bytea,
    status                varchar(24)   not null
        check (status in ('CONNECTED', 'RECONNECT_REQUIRED', 'DISCONNECTED')),
    status_reason         varchar(500),
    connected_at          timestamp with time zone not null,
    status_changed_at     timestamp with time zone not null
);

create index salesforce_org_tenant on salesforce_org (tenant_id);
