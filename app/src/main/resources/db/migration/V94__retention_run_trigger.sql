-- Issue 19: who started a retention run (the daily schedule or an administrator), and the index
-- the daily deletion of old send-log entries reads.
alter table retention_run add column triggered_by varchar(16) not null default 'SCHEDULE'
    constraint retention_run_triggered_by_check check (triggered_by in ('SCHEDULE', 'ADMIN'));
create index mail_log_created_idx on mail_log (created_at);
