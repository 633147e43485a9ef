-- Issue 19: a client's sessions die when their sign-in changes. Each session remembers the
-- generation of its account at sign-in; changing an ACTIVE account's e-mail (its login) adds one,
-- so every session opened before is refused at its next request.
alter table client_account add column session_generation integer not null default 0
    constraint client_account_session_generation_check check (session_generation >= 0);
