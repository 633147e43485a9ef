-- Issue 23, item 3: clients of a MICROSOFT offer sign in with their Microsoft account (OpenID
-- Connect against the firm's Entra ID tenant) and never have a Passerelle password
-- (client_account.identity = 'MICROSOFT', V99).
-- microsoft_oid: the token's object id (oid) in the firm's tenant, kept at the first sign-in (the
-- activation); a token with another oid for this account is refused. Cleared when the login moves to
-- another mailbox: the next sign-in with the new address keeps its own.
alter table client_account add column microsoft_oid varchar(36)
    constraint client_account_microsoft_oid_check check (microsoft_oid ~ '^[0-9a-f-]{36}$');
create unique index client_account_microsoft_oid_uq on client_account (microsoft_oid)
    where microsoft_oid is not null;

-- a Microsoft account is ACTIVE without a password (activated with Microsoft, it never gets one)
alter table client_account drop constraint client_account_active_has_password;
alter table client_account add constraint client_account_active_has_password
    check (status <> 'ACTIVE' or password_hash is not null or identity = 'MICROSOFT');
alter table client_account add constraint client_account_oid_is_microsoft
    check (microsoft_oid is null or identity = 'MICROSOFT');
