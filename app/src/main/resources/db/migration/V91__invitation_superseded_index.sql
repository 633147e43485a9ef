-- An invitation mail says whether it replaces an earlier link: the invitation that another one
-- was superseded by is looked up by this column, once per mail.
create index invitation_superseded_by_idx on invitation (superseded_by_id)
    where superseded_by_id is not null;
