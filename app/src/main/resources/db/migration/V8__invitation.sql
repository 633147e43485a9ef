-- Invitations to activate a client account. The token itself is never stored: only the nonce it is
-- derived from (with the server's secret) and the SHA-256 of the token, for lookup.
create sequence invitation_id_seq;
create table invitation (
    id                        bigint       primary key default nextval('invitation_id_seq'),
    account_id                bigint       not null references client_account (id),
    dossier_id                bigint       references dossier (id),
    collaborative_service_id  bigint       references collaborative_service (id),
    onboarding_id             bigint,
    email                     varchar(254) not null,
    token_nonce               bytea        not null constraint invitation_nonce_length check (octet_length(token_nonce) = 16),
    token_hash                bytea        not null constraint invitation_hash_length check (octet_length(token_hash) = 32),
    status                    varchar(16)  not null default 'PENDING_SEND'
        constraint invitation_status_check check (status in ('PENDING_SEND', 'SENT', 'ACCEPTED', 'CANCELLED', 'EXPIRED', 'SUPERSEDED', 'BOUNCED')),
    closed_reason             varchar(40),
    invited_by_staff_id       bigint       references staff_member (id),
    invited_by_account_id     bigint       references client_account (id),
    custom_message            varchar(2000),
    reminders_sent            smallint     not null default 0 constraint invitation_reminders_check check (reminders_sent >= 0),
    last_reminder_at          timestamptz,
    email_invalid             boolean      not null default false,
    created_at                timestamptz  not null default now(),
    sent_at                   timestamptz,
    expires_at                timestamptz  not null,
    accepted_at               timestamptz,
    cancelled_at              timestamptz,
    closed_at                 timestamptz,
    superseded_by_id          bigint       references invitation (id),
    version                   bigint       not null default 0,
    constraint invitation_invited_by_one check (num_nonnulls(invited_by_staff_id, invited_by_account_id) = 1),
    constraint invitation_sent_when_sent check (status <> 'SENT' or sent_at is not null),
    constraint invitation_accepted_when_accepted check ((status = 'ACCEPTED') = (accepted_at is not null)),
    constraint invitation_cancelled_when_cancelled check ((status = 'CANCELLED') = (cancelled_at is not null)),
    constraint invitation_expires_after_creation check (expires_at > created_at)
);
alter sequence invitation_id_seq owned by invitation.id;
create unique index invitation_token_hash_uq on invitation (token_hash);
-- at most one live link per account: a new one supersedes the old
create unique index invitation_live_uq on invitation (account_id) where status in ('PENDING_SEND', 'SENT');
create index invitation_status_sent_idx on invitation (status, sent_at);
create index invitation_onboarding_idx on invitation (onboarding_id);
