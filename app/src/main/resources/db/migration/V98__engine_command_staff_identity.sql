-- Issue 20, item 6: the engine command outbox also carries "make the staff member's Camunda user
-- match them" (remote mode), so that a cluster down when an administrator creates or changes a
-- staff member catches up once it answers again. The payload is the staff member's id only: each
-- relay sends the staff member as they are then.
alter table engine_command drop constraint engine_command_kind_check;
alter table engine_command add constraint engine_command_kind_check
    check (kind in ('PUBLISH_MESSAGE', 'COMPLETE_USER_TASK', 'SET_VARIABLES',
                    'SYNC_STAFF_IDENTITY'));
