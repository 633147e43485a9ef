-- The send log of outgoing mail: one row per logical message, keyed by what it is about
-- (e.g. invitation 42, kind INVITATION, sequence 0). A retried or repeated send finds the row and
-- sends nothing twice; the Message-ID is stable per key.
create table mail_log (
    id              bigserial    primary key,
    message_key     varchar(200) not null unique,
    message_id      varchar(300) not null unique,
    kind            varchar(40)  not null,
    recipient       varchar(320) not null,
    subject         varchar(300),
    status          varchar(20)  not null check (status in ('SENDING', 'SENT', 'REJECTED')),
    attempts        integer      not null default 0,
    last_error      varchar(1000),
    created_at      timestamptz  not null default now(),
    sent_at         timestamptz,
    updated_at      timestamptz  not null default now()
);
create index mail_log_recipient on mail_log (lower(recipient));
