-- The engine commands the application owes the engine (issue 18, item 5): written in the same
-- transaction as the domain change that calls for them, relayed after the commit and by a sweeper
-- until the engine accepts them, then deleted. A row the engine refuses for good keeps its error
-- (failed_at) and is never retried. dedup_key is the message id of a publication (the engine
-- refuses a second one while the first is buffered) or the command's own key: the same command
-- written twice while waiting is one row.
create table engine_command (
    id              bigserial    primary key,
    kind            varchar(30)  not null
        check (kind in ('PUBLISH_MESSAGE', 'COMPLETE_USER_TASK', 'SET_VARIABLES')),
    dedup_key       varchar(500) not null unique,
    payload         jsonb        not null,
    created_at      timestamptz  not null default now(),
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      text,
    failed_at       timestamptz
);

-- the sweeper: the due rows, oldest first, without the ones given up
create index engine_command_due on engine_command (next_attempt_at, id) where failed_at is null;
