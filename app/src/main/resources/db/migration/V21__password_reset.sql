-- Password-reset links of the client portal, made like invitation links: the token is derived
-- from (purpose "password-reset", id, nonce) with the server's secret and never stored; only its
-- SHA-256 is, for lookup. Single use, short-lived, and at most one live link per account (asking
-- again replaces the older link).
create sequence password_reset_id_seq;
create table password_reset (
    id              bigint       primary key default nextval('password_reset_id_seq'),
    account_id      bigint       not null references client_account (id),
    token_nonce     bytea        not null constraint password_reset_nonce_length check (octet_length(token_nonce) = 16),
    token_hash      bytea        not null constraint password_reset_hash_length check (octet_length(token_hash) = 32),
    status          varchar(16)  not null default 'LIVE'
        constraint password_reset_status_check check (status in ('LIVE', 'USED', 'SUPERSEDED')),
    created_at      timestamptz  not null,
    expires_at      timestamptz  not null,
    used_at         timestamptz,
    closed_at       timestamptz,
    constraint password_reset_used_when_used check ((status = 'USED') = (used_at is not null)),
    constraint password_reset_closed_when_closed check ((status = 'LIVE') = (closed_at is null)),
    constraint password_reset_expires_after_creation check (expires_at > created_at)
);
alter sequence password_reset_id_seq owned by password_reset.id;
create unique index password_reset_token_hash_uq on password_reset (token_hash);
create unique index password_reset_live_uq on password_reset (account_id) where status = 'LIVE';
