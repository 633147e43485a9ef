package io.passerelle.engine;

import io.passerelle.staff.StaffMemberChanged;
import io.passerelle.staff.StaffService;
import io.passerelle.staff.StaffView;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When the staff's Camunda users follow Passerelle ({@link StaffIdentityProperties}, remote mode
 * only; embedded mode does nothing here): each creation, role change, rename, e-mail change,
 * deactivation or reactivation writes an {@code engine_command} row in the change's own transaction
 * ({@link EngineCommands#syncStaffIdentity}), relayed to the cluster after the commit and retried
 * until the cluster takes it, so a cluster down when an administrator creates someone catches up.
 * At each start every staff member is synced once more (a cluster wiped or restored, staff created
 * while the setting was off, a group membership changed by hand in Identity).
 */
@Component
class StaffIdentitySync {

  private static final Logger LOG = LoggerFactory.getLogger(StaffIdentitySync.class);

  private final boolean enabled;
  private final EngineCommands commands;
  private final StaffService staff;
  private final TransactionTemplate transaction;

  StaffIdentitySync(
      EngineProperties engine,
      StaffIdentityProperties properties,
      EngineCommands commands,
      StaffService staff,
      PlatformTransactionManager transactions) {
    this.enabled = engine.mode() == EngineMode.REMOTE && properties.enabled();
    this.commands = commands;
    this.staff = staff;
    this.transaction = new TransactionTemplate(transactions);
  }

  boolean enabled() {
    return enabled;
  }

  /** In the transaction of the change (the event is published there). */
  @EventListener
  void changed(StaffMemberChanged event) {
    if (enabled) {
      commands.syncStaffIdentity(event.staffId(), "change-" + UUID.randomUUID());
    }
  }

  /**
   * Every staff member once more at start (one row each; a row of a previous start still waiting is
   * not written twice).
   *
   * @return how many staff members are to be synced
   */
  @EventListener(ApplicationReadyEvent.class)
  public int syncEveryone() {
    if (!enabled) {
      return 0;
    }
    Integer count =
        transaction.execute(
            status -> {
              List<StaffView> everyone = staff.list(null, null, Pageable.unpaged()).getContent();
              everyone.forEach(member -> commands.syncStaffIdentity(member.id(), "start"));
              return everyone.size();
            });
    LOG.info("{} staff members to be kept as Camunda users (remote mode)", count);
    return count == null ? 0 : count;
  }
}
