-- Issue 23, item 5: the pending-activation list also shows the running onboardings of Microsoft
-- offers that have no service invitation yet (they wait for the guest's acceptance). A partial
-- index keeps that part of the list's statements to the few running Microsoft onboardings, however
-- many onboardings the firm has ended.
create index onboarding_microsoft_running_idx on onboarding (created_at)
    where identity = 'MICROSOFT' and status in ('STARTING', 'IN_PROGRESS');
