package io.passerelle.onboarding;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.catalog.CatalogService;
import io.passerelle.catalog.OfferView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.DomainException;
import io.passerelle.domain.Texts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk invitations (seed 002): preview who will be invited and who left out, then invite them all
 * with one message through {@code Process_BulkInvitation}, each contact on its own (an invalid
 * address is flagged and stops nobody else), with a result per contact.
 *
 * <p>The door the web uses; the use cases have their own classes: who is reached ({@link
 * BulkCandidates}), the process's start ({@link BulkInvitationStarter}), where it stands ({@link
 * BulkResults}); each contact's onboarding is {@link BulkInvitationJourney}'s.
 */
@Service
public class BulkInvitationService {

  /** At most this many dossiers in one bulk invitation. */
  public static final int MAX_DOSSIERS = BulkCandidates.MAX_DOSSIERS;

  private final BulkInvitationRepository bulks;
  private final BulkCandidates candidates;
  private final BulkInvitationStarter starter;
  private final BulkResults results;
  private final CatalogService catalog;
  private final ActivityService activity;
  private final JdbcTemplate jdbcTemplate;
  private final Clock clock;

  BulkInvitationService(
      BulkInvitationRepository bulks,
      BulkCandidates candidates,
      BulkInvitationStarter starter,
      BulkResults results,
      CatalogService catalog,
      ActivityService activity,
      JdbcTemplate jdbcTemplate,
      Clock clock) {
    this.bulks = bulks;
    this.candidates = candidates;
    this.starter = starter;
    this.results = results;
    this.catalog = catalog;
    this.activity = activity;
    this.jdbcTemplate = jdbcTemplate;
    this.clock = clock;
  }

  /** Who would be invited, and who left out and why; changes nothing. */
  @Transactional(readOnly = true)
  public BulkPreview preview(BulkRequest request, Actor actor) {
    OfferView offer = catalog.activeOffer(request.offerCode());
    List<BulkPreview.Candidate> reached = candidates.of(request, offer, actor);
    int invited = (int) reached.stream().filter(BulkPreview.Candidate::invited).count();
    return new BulkPreview(offer.code(), invited, reached.size() - invited, reached);
  }

  /**
   * Records the bulk invitation and its items (the skipped ones with their reason) and starts its
   * process after the commit. Nobody to invite: the bulk is completed at once.
   */
  @Transactional
  public BulkInvitationView start(BulkRequest request, Actor actor) {
    if (!(actor instanceof Actor.Staff staff)) {
      throw DomainException.forbidden("STAFF_ONLY", "Only the firm's staff invite in bulk.");
    }
    OfferView offer = catalog.activeOffer(request.offerCode());
    String message = Texts.trimToNull(request.customMessage());
    if (message != null && message.length() > 2000) {
      throw DomainException.invalid(
          "TOO_LONG", "customMessage", "A custom message has at most 2000 characters.");
    }
    List<BulkPreview.Candidate> chosen = candidates.of(request, offer, actor);
    if (chosen.isEmpty()) {
      throw DomainException.rule(
          "NOBODY_TO_INVITE", "dossierIds", "The chosen dossiers have no contact to invite.");
    }
    var now = clock.instant();
    BulkInvitation bulk =
        bulks.saveAndFlush(
            new BulkInvitation(offer.code(), message, staff.staffId(), chosen.size(), now));
    insertItems(bulk.getId(), chosen, now);
    activity.record(
        ActivityRecord.of(ActivityType.BULK_INVITATION_STARTED, actor, null, null)
            .with("bulkId", bulk.getId())
            .with("offerCode", offer.code())
            .with("contacts", chosen.size()));
    if (chosen.stream().noneMatch(BulkPreview.Candidate::invited)) {
      bulk.complete(now);
      bulks.saveAndFlush(bulk);
    } else {
      starter.startAfterCommit(bulk.getId());
    }
    return results.view(bulk);
  }

  @Transactional(readOnly = true)
  public BulkInvitationView get(long bulkId) {
    return results.get(bulkId);
  }

  /** The result per contact, in the order they were chosen. */
  @Transactional(readOnly = true)
  public Page<BulkItemView> items(long bulkId, Pageable pageable) {
    return results.items(bulkId, pageable);
  }

  /** One row per candidate: PENDING for the journey, SKIPPED with its reason. */
  private void insertItems(long bulkId, List<BulkPreview.Candidate> chosen, Instant now) {
    jdbcTemplate.batchUpdate(
        """
        insert into bulk_invitation_item (bulk_id, dossier_id, contact_id, status, reason, updated_at)
        values (?, ?, ?, ?, ?, ?)
        """,
        chosen,
        1000,
        (statement, candidate) -> {
          statement.setLong(1, bulkId);
          statement.setLong(2, candidate.dossierId());
          statement.setLong(3, candidate.contactId());
          statement.setString(4, candidate.invited() ? "PENDING" : "SKIPPED");
          statement.setString(5, candidate.invited() ? null : candidate.reason());
          statement.setTimestamp(6, Timestamp.from(now));
        });
  }
}
