package io.passerelle.staff;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;

/**
 * What one reader may see: THE rule of dossier visibility (issue 19), as SQL for the read models
 * and as JPA predicates for the services. Made by {@link StaffScope}.
 *
 * <ul>
 *   <li>{@link #everything()}: the office administrator, every member when the firm's setting is
 *       {@code ALL}, and the system (process steps, start-up tasks, the client portal's own reads,
 *       which have their own rules).
 *   <li>a STAFF member: the dossiers they are assigned to ({@code dossier_staff});
 *   <li>a MANAGER: the dossiers they manage ({@code dossier.manager_id}) and those they are
 *       assigned to.
 * </ul>
 *
 * A contact is visible when it is or was linked to a visible dossier (the dossier's team keeps its
 * history after a withdrawal or an erasure); a contact with no live link at all is also visible to
 * managers and the administrator. A row that names a dossier (an activity entry, an invitation, a
 * notification) follows its dossier; one that names only a contact follows the contact; one that
 * names neither is for managers and the administrator.
 *
 * <p>The predicates are {@code EXISTS} on {@code dossier_staff}'s primary key (dossier_id,
 * staff_id), so a paginated list keeps its plan: nothing is loaded into memory. The reader's id is
 * a number written into the SQL (never text).
 *
 * @param viewerId the staff member, null for {@link #everything()}
 * @param manager whether the reader is a manager (managed dossiers, unlinked contacts)
 */
public record Scope(Long viewerId, boolean manager) {

  private static final Scope EVERYTHING = new Scope(null, true);

  /** No restriction. */
  public static Scope everything() {
    return EVERYTHING;
  }

  /** A STAFF member: the dossiers they are assigned to. */
  public static Scope assigned(long staffId) {
    return new Scope(staffId, false);
  }

  /** A MANAGER: the dossiers they manage and those they are assigned to. */
  public static Scope managing(long staffId) {
    return new Scope(staffId, true);
  }

  public boolean isEverything() {
    return viewerId == null;
  }

  /** Whether the reader sees what belongs to no dossier (unlinked contacts, firm-wide entries). */
  public boolean seesUnlinked() {
    return manager;
  }

  /** Whether this reader is the given staff member (the creator of a bulk invitation, …). */
  public boolean is(Long staffId) {
    return viewerId != null && viewerId.equals(staffId);
  }

  /** Whether this reader sees a dossier already loaded: its manager and assigned staff. */
  public boolean sees(long managerId, Collection<Long> assignedStaffIds) {
    return isEverything() || assignedStaffIds.contains(viewerId) || viewerId == managerId;
  }

  // ---- SQL (read models, native queries) ----

  /**
   * SQL: the dossier whose id is the SQL expression {@code dossierId} is visible. One {@code
   * EXISTS} for managers and STAFF alike: a dossier's manager is always among its assigned staff
   * ({@code Dossier}'s rule: made so at creation and at every change of manager, never unassigned;
   * nothing writes these tables but that entity), so "managed or assigned" is "assigned".
   */
  public String dossierSql(String dossierId) {
    if (isEverything()) {
      return "true";
    }
    return "exists (select 1 from dossier_staff vis_ds where vis_ds.dossier_id = "
        + dossierId
        + " and vis_ds.staff_id = "
        + viewerId
        + ")";
  }

  /** SQL: the contact whose id is the SQL expression {@code contactId} is visible. */
  public String contactSql(String contactId) {
    if (isEverything()) {
      return "true";
    }
    if (!manager) {
      return linkedToVisible(contactId);
    }
    // "linked to a visible dossier, or no live link", written without OR as "no live link of a
    // contact never linked to a visible dossier": PostgreSQL plans it as anti-joins, where an OR
    // of two sub-plans is costed row by row (a cost that sets off its JIT on a large table)
    return "not exists (select 1 from dossier_link vis_u where vis_u.contact_id = "
        + contactId
        + " and vis_u.withdrawn_at is null and not "
        + linkedToVisible("vis_u.contact_id")
        + ")";
  }

  private String linkedToVisible(String contactId) {
    return "exists (select 1 from dossier_link vis_l where vis_l.contact_id = "
        + contactId
        + " and "
        + dossierSql("vis_l.dossier_id")
        + ")";
  }

  /**
   * SQL: a row naming a dossier (may be null) and a contact (may be null) is visible: it follows
   * its dossier, else its contact, else it is for managers and the administrator.
   */
  public String rowSql(String dossierId, String contactId) {
    if (isEverything()) {
      return "true";
    }
    return "(case when "
        + dossierId
        + " is not null then "
        + dossierSql(dossierId)
        + " when "
        + contactId
        + " is not null then "
        + contactSql(contactId)
        + " else "
        + manager
        + " end)";
  }

  /**
   * SQL: the bulk invitation aliased {@code b} is visible: its creator, and whoever sees one of its
   * dossiers.
   */
  public String bulkSql(String b) {
    if (isEverything()) {
      return "true";
    }
    return "("
        + b
        + ".created_by_staff_id = "
        + viewerId
        + " or exists (select 1 from bulk_invitation_item vis_bi where vis_bi.bulk_id = "
        + b
        + ".id and "
        + dossierSql("vis_bi.dossier_id")
        + "))";
  }

  /**
   * SQL: the dossier request aliased {@code r} is visible: to who asked for it, its future manager
   * and assigned staff, and, once the dossier exists, whoever sees the dossier.
   */
  public String requestSql(String r) {
    return requestSql(
        r + ".requested_by_staff_id",
        r + ".manager_id",
        r + ".assigned_staff_ids",
        r + ".dossier_id");
  }

  private String requestSql(
      String requestedBy, String managerId, String assignedStaffIds, String dossierId) {
    if (isEverything()) {
      return "true";
    }
    return "("
        + requestedBy
        + " = "
        + viewerId
        + " or "
        + managerId
        + " = "
        + viewerId
        + " or "
        + assignedStaffIds
        + " @> '["
        + viewerId
        + "]'::jsonb or ("
        + dossierId
        + " is not null and "
        + dossierSql(dossierId)
        + "))";
  }

  /**
   * SQL: the dossier import aliased {@code i} (its report names every imported dossier) is visible
   * to who imported it.
   */
  public String importSql(String i) {
    return isEverything() ? "true" : "(" + i + ".imported_by_staff_id = " + viewerId + ")";
  }

  /** SQL: the invitation aliased {@code i}: its dossier, else its account's contact. */
  public String invitationSql(String i) {
    return rowSql(
        i + ".dossier_id",
        "(select vis_a.contact_id from client_account vis_a where vis_a.id = "
            + i
            + ".account_id)");
  }

  // ---- JPA criteria (the services' Specifications) ----

  /** The dossier whose id is {@code dossierId} is visible. */
  public Predicate dossier(CriteriaBuilder cb, Expression<Long> dossierId) {
    return isEverything() ? cb.conjunction() : where(cb, dossierSql("{0}"), dossierId);
  }

  /** The contact whose id is {@code contactId} is visible. */
  public Predicate contact(CriteriaBuilder cb, Expression<Long> contactId) {
    return isEverything() ? cb.conjunction() : where(cb, contactSql("{0}"), contactId);
  }

  /** A row naming a dossier and a contact (either may be null), as {@link #rowSql}. */
  public Predicate row(CriteriaBuilder cb, Expression<Long> dossierId, Expression<Long> contactId) {
    return isEverything()
        ? cb.conjunction()
        : where(cb, rowSql("{0}", "{1}"), dossierId, contactId);
  }

  /**
   * A row naming a dossier (may be null) and a client account: it follows its dossier, else the
   * account's contact (invitations).
   */
  public Predicate dossierOrAccount(
      CriteriaBuilder cb, Expression<Long> dossierId, Expression<Long> accountId) {
    return isEverything()
        ? cb.conjunction()
        : where(
            cb,
            rowSql(
                "{0}", "(select vis_a.contact_id from client_account vis_a where vis_a.id = {1})"),
            dossierId,
            accountId);
  }

  /** A dossier request, as {@link #requestSql(String)}, from its entity's columns. */
  public Predicate request(
      CriteriaBuilder cb,
      Expression<Long> requestedBy,
      Expression<Long> managerId,
      Expression<?> assignedStaffIds,
      Expression<Long> dossierId) {
    return isEverything()
        ? cb.conjunction()
        : where(
            cb,
            requestSql("{0}", "{1}", "{2}", "{3}"),
            requestedBy,
            managerId,
            assignedStaffIds,
            dossierId);
  }

  /**
   * Hibernate's {@code sql()}: {@code {0}}, {@code {1}}… in the SQL are the arguments (each may
   * appear several times).
   */
  private static Predicate where(CriteriaBuilder cb, String pattern, Expression<?>... arguments) {
    List<Expression<?>> used = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    Matcher placeholder = PLACEHOLDER.matcher(pattern);
    while (placeholder.find()) {
      used.add(arguments[Integer.parseInt(placeholder.group(1))]);
      placeholder.appendReplacement(sql, "?");
    }
    placeholder.appendTail(sql);
    return cb.isTrue(
        ((HibernateCriteriaBuilder) cb)
            .sql(sql.toString(), Boolean.class, used.toArray(Expression<?>[]::new)));
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([0-9])\\}");
}
