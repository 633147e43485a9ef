package io.passerelle.onboarding;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.contact.ContactErrors;
import io.passerelle.domain.Actor;
import io.passerelle.domain.CommonErrors;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.domain.Texts;
import io.passerelle.dossier.DossierErrors;
import io.passerelle.engine.EngineUnavailableException;
import io.passerelle.engine.ProcessEngine;
import io.passerelle.processes.BulkItemBatches;
import io.passerelle.processes.ProcessNames.Processes;
import io.passerelle.processes.ProcessNames.Variables;
import io.passerelle.staff.StaffScope;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk invitations (seed 002): preview who will be invited and who left out, then invite them all
 * with one message through {@code Process_BulkInvitation}, each contact on its own (an invalid
 * address is flagged and stops nobody else), with a result per contact.
 *
 * <p>The candidates are read in one query whatever the number of dossiers, so that a portfolio of
 * thousands previews in a moment.
 */
@Service
public class BulkInvitationService {

  private final StaffScope scopes;

  private static final Logger LOG = LoggerFactory.getLogger(BulkInvitationService.class);

  /** At most this many dossiers in one bulk invitation. */
  public static final int MAX_DOSSIERS = 20_000;

  private final BulkInvitationRepository bulks;
  private final BulkInvitationItemRepository items;
  private final OnboardingRepository onboardings;
  private final CatalogService catalog;
  private final ActivityService activity;
  private final ProcessEngine engine;
  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final TransactionTemplate newTransaction;
  private final Clock clock;

  BulkInvitationService(
      BulkInvitationRepository bulks,
      BulkInvitationItemRepository items,
      OnboardingRepository onboardings,
      CatalogService catalog,
      ActivityService activity,
      ProcessEngine engine,
      JdbcClient jdbc,
      JdbcTemplate jdbcTemplate,
      PlatformTransactionManager transactions,
      Clock clock,
      StaffScope scopes) {
    this.scopes = scopes;
    this.bulks = bulks;
    this.items = items;
    this.onboardings = onboardings;
    this.catalog = catalog;
    this.activity = activity;
    this.engine = engine;
    this.jdbc = jdbc;
    this.jdbcTemplate = jdbcTemplate;
    this.newTransaction = new TransactionTemplate(transactions);
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** Who would be invited, and who left out and why; changes nothing. */
  @Transactional(readOnly = true)
  public BulkPreview preview(BulkRequest request, Actor actor) {
    OfferView offer = catalog.activeOffer(request.offerCode());
    List<BulkPreview.Candidate> candidates = candidates(request, offer, actor);
    int invited = (int) candidates.stream().filter(BulkPreview.Candidate::invited).count();
    return new BulkPreview(offer.code(), invited, candidates.size() - invited, candidates);
  }

  /**
   * Records the bulk invitation and its items (the skipped ones with their reason) and starts its
   * process after the commit. Nobody to invite: the bulk is completed at once.
   */
  @Transactional
  public BulkInvitationView start(BulkRequest request, Actor actor) {
    if (!(actor instanceof Actor.Staff staff)) {
      throw DomainException.forbidden(
          ContactErrors.STAFF_ONLY, "Only the firm's staff invite in bulk.");
    }
    OfferView offer = catalog.activeOffer(request.offerCode());
    String message = Texts.trimToNull(request.customMessage());
    if (message != null && message.length() > 2000) {
      throw DomainException.invalid(
          CommonErrors.TOO_LONG, "customMessage", "A custom message has at most 2000 characters.");
    }
    List<BulkPreview.Candidate> candidates = candidates(request, offer, actor);
    if (candidates.isEmpty()) {
      throw DomainException.rule(
          OnboardingErrors.NOBODY_TO_INVITE,
          "dossierIds",
          "The chosen dossiers have no contact to invite.");
    }
    var now = clock.instant();
    BulkInvitation bulk =
        bulks.saveAndFlush(
            new BulkInvitation(offer.code(), message, staff.staffId(), candidates.size(), now));
    long bulkId = bulk.getId();
    jdbcTemplate.batchUpdate(
        """
        insert into bulk_invitation_item (bulk_id, dossier_id, contact_id, status, reason, updated_at)
        values (?, ?, ?, ?, ?, ?)
        """,
        candidates,
        1000,
        (statement, candidate) -> {
          statement.setLong(1, bulkId);
          statement.setLong(2, candidate.dossierId());
          statement.setLong(3, candidate.contactId());
          statement.setString(4, candidate.invited() ? "PENDING" : "SKIPPED");
          statement.setString(5, candidate.invited() ? null : candidate.reason());
          statement.setTimestamp(6, Timestamp.from(now));
        });
    activity.record(
        ActivityRecord.of(ActivityType.BULK_INVITATION_STARTED, actor, null, null)
            .with("bulkId", bulkId)
            .with("offerCode", offer.code())
            .with("contacts", candidates.size()));
    if (candidates.stream().noneMatch(BulkPreview.Candidate::invited)) {
      bulk.complete(now);
      bulks.saveAndFlush(bulk);
    } else {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              try {
                startProcess(bulkId);
              } catch (RuntimeException e) {
                LOG.warn("Bulk invitation {} not started yet ({}); retried", bulkId, e.toString());
              }
            }
          });
    }
    return view(bulk);
  }

  @Transactional(readOnly = true)
  public BulkInvitationView get(long bulkId) {
    return view(find(bulkId));
  }

  /** The result per contact, in the order they were chosen. */
  @Transactional(readOnly = true)
  public Page<BulkItemView> items(long bulkId, Pageable pageable) {
    BulkInvitation bulk = find(bulkId);
    var scope = scopes.current();
    // its creator sees every row; whoever else sees the bulk sees the rows of their dossiers
    Page<BulkInvitationItem> page =
        scope.isEverything() || scope.is(bulk.getCreatedByStaffId())
            ? items.findByBulkIdOrderById(bulkId, pageable)
            : items.findAll(
                (root, query, cb) ->
                    cb.and(
                        cb.equal(root.get("bulkId"), bulkId),
                        scope.dossier(cb, root.get("dossierId"))),
                PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), Sort.by("id")));
    Set<Long> onboardingIds = new LinkedHashSet<>();
    page.forEach(
        item -> {
          if (item.getOnboardingId() != null) {
            onboardingIds.add(item.getOnboardingId());
          }
        });
    Map<Long, OnboardingStatus> statuses = new LinkedHashMap<>();
    onboardings.findAllById(onboardingIds).forEach(o -> statuses.put(o.getId(), o.getStatus()));
    return page.map(
        item ->
            new BulkItemView(
                item.getId(),
                item.getDossierId(),
                item.getContactId(),
                item.getStatus().name(),
                item.getReason(),
                item.getOnboardingId(),
                item.getOnboardingId() == null ? null : statuses.get(item.getOnboardingId())));
  }

  /** Starts what stayed STARTING (engine down when it was recorded). */
  @Scheduled(
      fixedDelayString = "${passerelle.journey.start-sweep-interval:PT15S}",
      initialDelayString = "${passerelle.journey.start-sweep-interval:PT15S}")
  void sweep() {
    for (long id : bulks.startingBefore(clock.instant().minus(Duration.ofSeconds(10)))) {
      try {
        startProcess(id);
      } catch (EngineUnavailableException e) {
        LOG.warn("Bulk invitation {} still not started: {}", id, e.toString());
        return; // the engine is down or pushing back: try again at the next sweep
      } catch (RuntimeException e) {
        // this row only (a refusal, the database): the others go on
        LOG.warn("Bulk invitation {} not started by this sweep: {}", id, e.toString());
      }
    }
  }

  void startProcess(long bulkId) {
    newTransaction.executeWithoutResult(
        status -> {
          BulkInvitation bulk = bulks.lockById(bulkId).orElse(null);
          if (bulk == null || bulk.getStatus() != BulkInvitation.Status.STARTING) {
            return;
          }
          List<Long> pending = items.pendingIds(bulkId);
          long key =
              engine.startInstance(
                  Processes.BULK_INVITATION,
                  Map.of(
                      Variables.BULK_ID,
                      bulkId,
                      Variables.BULK_ITEM_BATCHES,
                      BulkItemBatches.of(pending)));
          bulk.started(key, clock.instant());
          bulks.saveAndFlush(bulk);
        });
  }

  // ---- inside ----

  private List<BulkPreview.Candidate> candidates(
      BulkRequest request, OfferView offer, Actor actor) {
    List<Long> dossierIds =
        request.dossierIds() == null
            ? List.of()
            : List.copyOf(new LinkedHashSet<>(request.dossierIds()));
    if (dossierIds.isEmpty()) {
      throw DomainException.invalid(
          CommonErrors.REQUIRED, "dossierIds", "Choose at least one dossier.");
    }
    if (dossierIds.size() > MAX_DOSSIERS) {
      throw DomainException.invalid(
          OnboardingErrors.TOO_MANY,
          "dossierIds",
          "At most " + MAX_DOSSIERS + " dossiers at once.");
    }
    checkManager(dossierIds, actor);
    boolean subset = request.contactIds() != null && !request.contactIds().isEmpty();
    Long[] contactIds = subset ? request.contactIds().toArray(Long[]::new) : new Long[0];
    List<BulkPreview.Candidate> candidates =
        jdbc.sql(
                """
                select l.dossier_id, d.company_name as dossier_name, c.id as contact_id,
                       c.first_name, c.last_name, c.company_name, c.email, c.email_invalid,
                       c.status as contact_status, a.status as account_status,
                       exists (select 1 from collaborative_service s
                               where s.dossier_id = l.dossier_id and s.contact_id = c.id
                                 and s.offer_id = :offerId
                                 and s.status in ('PROPOSED', 'INVITED', 'ACTIVE')) as has_service,
                       exists (select 1 from onboarding o
                               where o.dossier_id = l.dossier_id and o.contact_id = c.id
                                 and o.offer_code = :offerCode
                                 and o.status in ('STARTING', 'IN_PROGRESS')) as running
                from dossier_link l
                join dossier d on d.id = l.dossier_id
                join contact c on c.id = l.contact_id
                left join client_account a on a.contact_id = c.id
                where l.withdrawn_at is null and l.dossier_id = any(:dossierIds)
                  and (:subset = false or c.id = any(:contactIds))
                order by d.company_name, d.id, c.last_name, c.first_name, c.id
                """)
            .param("offerId", offer.id())
            .param("offerCode", offer.code())
            .param("dossierIds", dossierIds.toArray(Long[]::new))
            .param("subset", subset)
            .param("contactIds", contactIds)
            .query(
                (rs, row) -> {
                  String name =
                      ((rs.getString("first_name") == null ? "" : rs.getString("first_name"))
                              + " "
                              + (rs.getString("last_name") == null
                                  ? ""
                                  : rs.getString("last_name")))
                          .strip();
                  if (name.isEmpty()) {
                    name = rs.getString("company_name");
                  }
                  String email = rs.getString("email");
                  boolean invalid =
                      rs.getBoolean("email_invalid") || !EmailAddresses.isValid(email);
                  String accountStatus = rs.getString("account_status");
                  BulkPreview.Outcome outcome;
                  String reason = null;
                  if (!"ACTIVE".equals(rs.getString("contact_status"))) {
                    outcome = BulkPreview.Outcome.SKIP;
                    reason = BulkPreview.CONTACT_INACTIVE;
                  } else if (rs.getBoolean("running")) {
                    outcome = BulkPreview.Outcome.SKIP;
                    reason = BulkPreview.ONBOARDING_RUNNING;
                  } else if (rs.getBoolean("has_service")) {
                    outcome = BulkPreview.Outcome.SKIP;
                    reason = BulkPreview.ALREADY_ONBOARDED;
                  } else if ("DISABLED".equals(accountStatus)) {
                    outcome = BulkPreview.Outcome.SKIP;
                    reason = BulkPreview.ACCOUNT_DISABLED;
                  } else if (invalid) {
                    outcome = BulkPreview.Outcome.INVALID_EMAIL;
                  } else if ("ACTIVE".equals(accountStatus)) {
                    outcome = BulkPreview.Outcome.NEW_ACCESS;
                  } else {
                    outcome = BulkPreview.Outcome.INVITE;
                  }
                  return new BulkPreview.Candidate(
                      rs.getLong("dossier_id"),
                      rs.getString("dossier_name"),
                      rs.getLong("contact_id"),
                      name,
                      email,
                      invalid,
                      outcome,
                      reason);
                })
            .list();
    return candidates;
  }

  private void checkManager(List<Long> dossierIds, Actor actor) {
    List<Map<String, Object>> rows =
        jdbc.sql(
                "select id, manager_id, company_name, "
                    + scopes.current().dossierSql("dossier.id")
                    + " as visible from dossier where id = any(:ids)")
            .param("ids", dossierIds.toArray(Long[]::new))
            .query()
            .listOfRows();
    if (rows.size() != dossierIds.size()) {
      Set<Long> found = new LinkedHashSet<>();
      rows.forEach(r -> found.add(((Number) r.get("id")).longValue()));
      List<Long> unknown = new ArrayList<>(dossierIds);
      unknown.removeAll(found);
      throw DomainException.notFound(
          CommonErrors.DOSSIER_UNKNOWN, "No dossier has the id " + unknown.getFirst() + ".");
    }
    if (actor.isAdministrator() || actor instanceof Actor.SystemActor) {
      return;
    }
    if (!(actor instanceof Actor.Staff staff)) {
      throw DomainException.forbidden(
          ContactErrors.STAFF_ONLY, "Only the firm's staff invite in bulk.");
    }
    List<String> notManaged =
        rows.stream()
            .filter(r -> ((Number) r.get("manager_id")).longValue() != staff.staffId())
            // a dossier the caller does not see is not named
            .map(r -> Boolean.TRUE.equals(r.get("visible")) ? (String) r.get("company_name") : "…")
            .distinct()
            .toList();
    if (!notManaged.isEmpty()) {
      throw DomainException.forbidden(
          DossierErrors.EXTERNAL_ACCESS_MANAGER_ONLY,
          "Only a dossier's manager or the office administrator invites its contacts; you do not"
              + " manage: "
              + String.join(", ", notManaged.subList(0, Math.min(5, notManaged.size())))
              + (notManaged.size() > 5 ? " (and " + (notManaged.size() - 5) + " more)" : "")
              + ".");
    }
  }

  private BulkInvitation find(long id) {
    return bulks
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    CommonErrors.BULK_INVITATION_NOT_FOUND,
                    "No bulk invitation has the id " + id + "."));
  }

  private BulkInvitationView view(BulkInvitation bulk) {
    Map<BulkInvitationItem.Status, Long> byStatus = new EnumMap<>(BulkInvitationItem.Status.class);
    for (BulkInvitationItem.Status status : BulkInvitationItem.Status.values()) {
      byStatus.put(status, 0L);
    }
    for (Object[] row : items.countByStatus(bulk.getId())) {
      byStatus.put((BulkInvitationItem.Status) row[0], ((Number) row[1]).longValue());
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    byStatus.forEach((status, count) -> counts.put(status.name(), count));
    long toActivate = 0;
    long onboarded = 0;
    for (Object[] row : items.countOnboardingsByStatus(bulk.getId())) {
      OnboardingStatus status = (OnboardingStatus) row[0];
      long count = ((Number) row[1]).longValue();
      if (status == OnboardingStatus.ONBOARDED) {
        onboarded += count;
      } else if (!status.ended()) {
        toActivate += count;
      }
    }
    return new BulkInvitationView(
        bulk.getId(),
        bulk.getOfferCode(),
        bulk.getCustomMessage(),
        bulk.getCreatedByStaffId(),
        bulk.getStatus().name(),
        bulk.getItemCount(),
        counts,
        toActivate,
        onboarded,
        bulk.getCreatedAt(),
        bulk.getStartedAt(),
        bulk.getCompletedAt());
  }
}
