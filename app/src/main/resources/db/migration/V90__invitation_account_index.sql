-- An account's invitations (issue supersedes the account's live link; forAccount lists them newest
-- first) were read with a sequential scan of every invitation: the partial unique index of live
-- links serves neither a prepared "status in (?, ?)" plan nor an "order by id". With thousands of
-- invitations waiting, each issue read them all (the benchmark saw 980,000 rows read for 1,400).
create index invitation_account_idx on invitation (account_id, id);
