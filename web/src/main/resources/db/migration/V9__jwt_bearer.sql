-- Orgs connected by the JWT bearer grant (server-to-server), and the tenant's signing key pair.

-- How the platform takes a session for an org: the refresh token of the web-server flow, or a
-- JWT signed with the tenant's key for the tenant's own connected app (its consumer key).
alter table salesforce_org add column auth_method varchar(16) default 'WEB_SERVER' not null;
alter table salesforce_org add constraint salesforce_org_auth_method
    check (auth_method in ('WEB_SERVER', 'JWT_BEARER'));
alter table salesforce_org add column jwt_consumer_key varchar(255);

-- One RSA key pair per tenant: the certificate (public, what the tenant's Salesforce admin
-- uploads to the connected app) and the PKCS#8 private key sealed under the tenant's token key.
create table tenant_jwt_key (
    tenant_id          uuid primary key references tenant (id),
    certificate        bytea        not null,
    sealed_private_key bytea        not null,
    created_at         timestamp with time zone not null
);
