package io.passerelle.onboarding;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.contact.ContactService;
import io.passerelle.contact.ContactStatus;
import io.passerelle.contact.ContactView;
import io.passerelle.domain.Actor;
import io.passerelle.domain.EmailAddresses;
import io.passerelle.processes.ProcessNames.Errors;
import io.passerelle.workers.bulk.BulkInvitationSteps;
import io.passerelle.workers.support.BusinessRuleException;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The steps of {@code Process_BulkInvitation}, each idempotent per item or bulk id. */
@Component
class BulkInvitationJourney implements BulkInvitationSteps {

  private static final Actor SYSTEM = Actor.system("bulk invitation");

  private final BulkInvitationRepository bulks;
  private final BulkInvitationItemRepository items;
  private final OnboardingRepository onboardings;
  private final OnboardingService onboardingService;
  private final ContactService contacts;
  private final ActivityService activity;
  private final Clock clock;

  BulkInvitationJourney(
      BulkInvitationRepository bulks,
      BulkInvitationItemRepository items,
      OnboardingRepository onboardings,
      OnboardingService onboardingService,
      ContactService contacts,
      ActivityService activity,
      Clock clock) {
    this.bulks = bulks;
    this.items = items;
    this.onboardings = onboardings;
    this.onboardingService = onboardingService;
    this.contacts = contacts;
    this.activity = activity;
    this.clock = clock;
  }

  @Override
  @Transactional
  public void inviteBulkItem(long bulkItemId) {
    BulkInvitationItem item = lock(bulkItemId);
    if (item.getStatus() != BulkInvitationItem.Status.PENDING) {
      return; // done by an earlier run of this job
    }
    ContactView contact = contacts.get(item.getContactId());
    if (contact.status() != ContactStatus.ACTIVE) {
      item.settle(BulkInvitationItem.Status.SKIPPED, BulkPreview.CONTACT_INACTIVE, clock.instant());
      items.saveAndFlush(item);
      return;
    }
    if (contact.emailInvalid() || !EmailAddresses.isValid(contact.email())) {
      throw new BusinessRuleException(
          Errors.INVALID_EMAIL, "The address of contact " + contact.id() + " is not valid");
    }
    BulkInvitation bulk = bulks.findById(item.getBulkId()).orElseThrow();
    if (onboardings.existsRunning(item.getDossierId(), item.getContactId(), bulk.getOfferCode())) {
      item.settle(
          BulkInvitationItem.Status.SKIPPED, BulkPreview.ONBOARDING_RUNNING, clock.instant());
      items.saveAndFlush(item);
      return;
    }
    OnboardingView onboarding =
        onboardingService.proposeForBulkItem(
            bulkItemId,
            item.getDossierId(),
            item.getContactId(),
            bulk.getOfferCode(),
            bulk.getCustomMessage(),
            bulk.getCreatedByStaffId());
    item.started(onboarding.id(), clock.instant());
    items.saveAndFlush(item);
  }

  @Override
  @Transactional
  public void flagInvalidEmail(long bulkItemId) {
    BulkInvitationItem item = lock(bulkItemId);
    if (item.settle(
        BulkInvitationItem.Status.INVALID_EMAIL, Errors.INVALID_EMAIL, clock.instant())) {
      items.saveAndFlush(item);
      contacts.markEmailInvalid(item.getContactId(), SYSTEM);
    }
  }

  @Override
  @Transactional
  public void completeBulk(long bulkId) {
    BulkInvitation bulk = bulks.lockById(bulkId).orElseThrow();
    if (bulk.complete(clock.instant())) {
      bulks.saveAndFlush(bulk);
      activity.record(
          ActivityRecord.of(ActivityType.BULK_INVITATION_COMPLETED, SYSTEM, null, null)
              .with("bulkId", bulkId)
              .dedupKey("bulk-completed/" + bulkId));
    }
  }

  private BulkInvitationItem lock(long id) {
    return items
        .lockById(id)
        .orElseThrow(() -> new IllegalStateException("No bulk invitation item " + id));
  }
}
