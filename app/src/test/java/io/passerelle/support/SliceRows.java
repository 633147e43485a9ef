package io.passerelle.support;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Prerequisite rows for the tests of {@link RepositoryTest}, written with plain SQL (each test
 * rolls them back): a staff member, a dossier, a contact, a client account and an onboarding that
 * satisfy the schema's constraints.
 */
public final class SliceRows {

  private static final AtomicLong KEYS = new AtomicLong(9_000_000);

  private final JdbcTemplate jdbc;

  public SliceRows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A process instance key no other row of the test has. */
  public static long key() {
    return KEYS.incrementAndGet();
  }

  /** An active manager with this username (and the address {@code <username>@staff.example}). */
  public long staff(String username) {
    return jdbc.queryForObject(
        "insert into staff_member (username, email, first_name, last_name, role, password_hash)"
            + " values (?, ?, 'Slice', 'Staff', 'MANAGER', 'x') returning id",
        Long.class,
        username,
        username + "@staff.example");
  }

  public long dossier(String companyName, long managerId) {
    return jdbc.queryForObject(
        "insert into dossier (company_name, manager_id) values (?, ?) returning id",
        Long.class,
        companyName,
        managerId);
  }

  /** A client contact with this address. */
  public long contact(String email) {
    jdbc.update(
        "insert into organisational_role (code, label) values ('SLICE_ROLE', 'Slice role')"
            + " on conflict do nothing");
    return jdbc.queryForObject(
        "insert into contact (last_name, subscriber_type, email, organisational_role_id)"
            + " select 'Slice', 'CLIENT', ?, id from organisational_role where code = 'SLICE_ROLE'"
            + " returning id",
        Long.class,
        email);
  }

  /** The contact's client account (NOT_INVITED), under the same address. */
  public long account(long contactId) {
    return jdbc.queryForObject(
        "insert into client_account (contact_id, email) select id, email from contact where id = ?"
            + " returning id",
        Long.class,
        contactId);
  }

  /**
   * An onboarding of the contact to the offer on the dossier, proposed by the staff member, in this
   * status (with the process key, end time and rejection code the status requires) and created at
   * this time.
   */
  public long onboarding(
      long dossierId,
      long contactId,
      String offerCode,
      String status,
      long staffId,
      Instant createdAt) {
    boolean ended =
        status.equals("ONBOARDED") || status.equals("CANCELLED") || status.equals("REJECTED");
    return jdbc.queryForObject(
        "insert into onboarding (dossier_id, contact_id, access_level, offer_code, send_now,"
            + " proposed_by_staff_id, status, process_instance_key, ended_at, rejection_code,"
            + " created_at) values (?, ?, 'READ_ONLY', ?, true, ?, ?, ?, ?, ?, ?) returning id",
        Long.class,
        dossierId,
        contactId,
        offerCode,
        staffId,
        status,
        status.equals("STARTING") ? null : key(),
        ended ? java.sql.Timestamp.from(createdAt.plusSeconds(60)) : null,
        status.equals("REJECTED") ? "SLICE_REJECTED" : null,
        java.sql.Timestamp.from(createdAt));
  }
}
