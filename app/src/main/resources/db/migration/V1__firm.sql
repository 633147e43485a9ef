-- The firm that runs this Passerelle: one row, its name and mail identity.
create table firm (
    id            smallint     primary key default 1 check (id = 1),
    name          varchar(200) not null,
    sender_email  varchar(320) not null,
    created_at    timestamptz  not null default now()
);
