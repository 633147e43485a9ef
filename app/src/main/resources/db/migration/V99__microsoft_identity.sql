-- Issue 23: offers whose clients sign in with Microsoft (the firm's Entra ID tenant), and the guest
-- invitation to that tenant that comes before the service invitation (seed 001).

-- The identity an offer's clients sign in with: Passerelle's own account and password (the default),
-- or a Microsoft account invited as a guest of the firm's tenant.
alter table offer add column identity varchar(16) not null default 'PASSERELLE'
    constraint offer_identity_check check (identity in ('PASSERELLE', 'MICROSOFT'));

-- The offer's identity, copied when the onboarding is requested: a later change of the offer does
-- not change a journey under way.
alter table onboarding add column identity varchar(16) not null default 'PASSERELLE'
    constraint onboarding_identity_check check (identity in ('PASSERELLE', 'MICROSOFT'));

-- MICROSOFT once an onboarding of a MICROSOFT offer invites the account (not yet active): the client
-- signs in with the Microsoft account, not a Passerelle password.
alter table client_account add column identity varchar(16) not null default 'PASSERELLE'
    constraint client_account_identity_check check (identity in ('PASSERELLE', 'MICROSOFT'));

-- The guest invitation of an onboarding to the firm's tenant (one per onboarding; a resend updates it).
-- graph_user_id is the guest's object id in the tenant; invited_email the address invited;
-- redeemed_email the address Graph reports after the redemption (a mismatch opens the staff task).
create table guest_invitation (
    onboarding_id     bigint       primary key references onboarding (id),
    status            varchar(24)  not null default 'NOT_SENT'
        constraint guest_invitation_status_check check (status in ('NOT_SENT', 'PENDING_ACCEPTANCE', 'ACCEPTED', 'FAILED')),
    graph_user_id     varchar(64),
    invited_email     varchar(254),
    redeemed_email    varchar(254),
    already_in_tenant boolean      not null default false,
    sends             smallint     not null default 0 constraint guest_invitation_sends_check check (sends >= 0),
    failure_code      varchar(40),
    failure_message   varchar(500),
    sent_at           timestamptz,
    accepted_at       timestamptz,
    updated_at        timestamptz  not null default now(),
    version           bigint       not null default 0,
    constraint guest_invitation_accepted check ((status = 'ACCEPTED') = (accepted_at is not null)),
    constraint guest_invitation_failed_has_code check ((status = 'FAILED') = (failure_code is not null))
);
