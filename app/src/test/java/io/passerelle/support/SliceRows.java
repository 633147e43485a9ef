package io.passerelle.support;

import io.passerelle.staff.SignedInStaff;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffView;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Prerequisite rows for the tests of the JPA slice ({@link RepositoryTest}: repositories and read
 * models): the smallest valid row of each table they read, inserted with plain SQL (the tables'
 * constraints decide what is valid, not the entities), each returning its id. The slice rolls every
 * test back.
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

  /** An active manager with this username (and the address {@code <username>@firm.test}). */
  public long staff(String username) {
    return staffMember(username, "Slice", "Staff", StaffRole.MANAGER);
  }

  public long staffMember(String username, String first, String last, StaffRole role) {
    return id(
        "insert into staff_member (username, email, first_name, last_name, role, password_hash)"
            + " values (?, ?, ?, ?, ?, 'x') returning id",
        username,
        username + "@firm.test",
        first,
        last,
        role.name());
  }

  /** A dossier managed (and so staffed) by {@code managerId}. */
  public long dossier(String name, String siret, long managerId) {
    long id =
        id(
            "insert into dossier (company_name, siret, manager_id) values (?, ?, ?) returning id",
            name,
            siret,
            managerId);
    jdbc.update("insert into dossier_staff (dossier_id, staff_id) values (?, ?)", id, managerId);
    return id;
  }

  public long dossier(String companyName, long managerId) {
    return dossier(companyName, null, managerId);
  }

  /** An organisational role of this code (created once). */
  public long role(String code) {
    jdbc.update(
        "insert into organisational_role (code, label) values (?, ?) on conflict do nothing",
        code,
        code);
    return jdbc.queryForObject(
        "select id from organisational_role where code = ?", Long.class, code);
  }

  /** A client contact; {@code first} and {@code last} may be null when {@code company} is not. */
  public long contact(String first, String last, String company, String email) {
    return id(
        "insert into contact (first_name, last_name, company_name, subscriber_type, email,"
            + " organisational_role_id) values (?, ?, ?, 'CLIENT', ?, ?) returning id",
        first,
        last,
        company,
        email,
        role("SLICE_ROLE"));
  }

  /** A client contact with this address, named "Slice". */
  public long contact(String email) {
    return contact(null, "Slice", null, email);
  }

  /** A live link, read-only with the GED, the holder or not. */
  public long link(long dossier, long contact, boolean holder) {
    return id(
        "insert into dossier_link (dossier_id, contact_id, access_level, holder)"
            + " values (?, ?, 'READ_ONLY', ?) returning id",
        dossier,
        contact,
        holder);
  }

  public void withdraw(long link) {
    jdbc.update("update dossier_link set withdrawn_at = now() where id = ?", link);
  }

  /** The contact's client account, in {@code status} (an ACTIVE one has a password hash). */
  public long account(long contact, String email, String status) {
    return id(
        "insert into client_account (contact_id, email, status, password_hash)"
            + " values (?, ?, ?, case when ? = 'ACTIVE' then 'x' end) returning id",
        contact,
        email,
        status,
        status);
  }

  /** The contact's client account (NOT_INVITED), under the contact's address. */
  public long account(long contactId) {
    return id(
        "insert into client_account (contact_id, email) select id, email from contact where id = ?"
            + " returning id",
        contactId);
  }

  /**
   * An invitation of the account to the dossier by the staff member {@code by}, in {@code status}
   * ({@code SENT} with its sending time, {@code ACCEPTED} accepted then, others as given).
   */
  public long invitation(long account, long dossier, long by, String status, Instant at) {
    Timestamp when = Timestamp.from(at);
    return id(
        "insert into invitation (account_id, dossier_id, email, token_nonce, token_hash, status,"
            + " invited_by_staff_id, created_at, sent_at, accepted_at, expires_at)"
            + " select ?, ?, email, decode(?, 'hex'), decode(?, 'hex'), ?, ?, ?,"
            + " case when ? in ('SENT', 'ACCEPTED') then ?::timestamptz end,"
            + " case when ? = 'ACCEPTED' then ?::timestamptz end, ?"
            + " from client_account where id = ? returning id",
        account,
        dossier,
        random(16),
        random(32),
        status,
        by,
        when,
        status,
        when,
        status,
        when,
        Timestamp.from(at.plus(30, ChronoUnit.DAYS)),
        account);
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
    return id(
        "insert into onboarding (dossier_id, contact_id, access_level, offer_code, send_now,"
            + " proposed_by_staff_id, status, process_instance_key, ended_at, rejection_code,"
            + " created_at) values (?, ?, 'READ_ONLY', ?, true, ?, ?, ?, ?, ?, ?) returning id",
        dossierId,
        contactId,
        offerCode,
        staffId,
        status,
        status.equals("STARTING") ? null : key(),
        ended ? Timestamp.from(createdAt.plusSeconds(60)) : null,
        status.equals("REJECTED") ? "SLICE_REJECTED" : null,
        Timestamp.from(createdAt));
  }

  /**
   * Signs {@code id} in as the read models see it (the scope of the member signed in, {@code
   * StaffScope.current()}); the test clears the context after.
   */
  public static void signIn(long id, StaffRole role) {
    var view = new StaffView(id, "slice", "slice@firm.test", "S", "Lice", role, true);
    SignedInStaff principal = () -> view;
    SecurityContextHolder.getContext()
        .setAuthentication(new TestingAuthenticationToken(principal, null, role.authority()));
  }

  private long id(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
