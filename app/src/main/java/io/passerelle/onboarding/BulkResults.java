package io.passerelle.onboarding;

import io.passerelle.domain.DomainException;
import io.passerelle.staff.StaffScope;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Where a bulk invitation stands: its counts by outcome, and the result per contact. */
@Component
class BulkResults {

  private final BulkInvitationRepository bulks;
  private final BulkInvitationItemRepository items;
  private final OnboardingRepository onboardings;
  private final StaffScope scopes;

  BulkResults(
      BulkInvitationRepository bulks,
      BulkInvitationItemRepository items,
      OnboardingRepository onboardings,
      StaffScope scopes) {
    this.bulks = bulks;
    this.items = items;
    this.onboardings = onboardings;
    this.scopes = scopes;
  }

  BulkInvitationView get(long bulkId) {
    return view(find(bulkId));
  }

  /** The result per contact, in the order they were chosen. */
  Page<BulkItemView> items(long bulkId, Pageable pageable) {
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

  private BulkInvitation find(long id) {
    return bulks
        .findById(id)
        .orElseThrow(
            () ->
                DomainException.notFound(
                    "BULK_INVITATION_NOT_FOUND", "No bulk invitation has the id " + id + "."));
  }

  BulkInvitationView view(BulkInvitation bulk) {
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
