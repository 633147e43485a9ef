-- More than one Passerelle instance on one database (issue 20, item 9).

-- Rate limits shared by every instance: one row per (limiter, key), the times of the events still
-- inside the window (at most the limit), updated by one atomic upsert; purged once expired.
create table rate_limit (
    limiter    text        not null,
    key        text        not null,
    events     timestamptz[] not null,
    expires_at timestamptz not null,
    primary key (limiter, key)
);
create index rate_limit_expires_at on rate_limit (expires_at);

-- A form that creates something, sent twice (a double click, two instances): the first post's
-- request id and what it created; the second post waits for the first and gets its result.
-- Purged after a day.
create table form_request (
    kind       text        not null,
    request_id text        not null,
    result     bigint,
    created_at timestamptz not null default now(),
    primary key (kind, request_id),
    check (length(request_id) <= 100)
);
create index form_request_created_at on form_request (created_at);

-- Spring Session JDBC (passerelle.sessions.store=jdbc): its own PostgreSQL schema as
-- spring-session-jdbc 3.5 ships it (org/springframework/session/jdbc/schema-postgresql.sql),
-- created here rather than by Spring's initialiser.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
