package io.passerelle.workers.bulk;

import io.passerelle.workers.support.BusinessRuleException;

/**
 * The steps of {@code Process_BulkInvitation}, implemented by the application. Each method must be
 * idempotent for its key: a redelivered job changes nothing the second time.
 */
public interface BulkInvitationSteps {

  /**
   * Checks the item's contact and starts one client onboarding for it; idempotent per bulk item id
   * (the item row remembers its onboarding).
   *
   * @throws BusinessRuleException {@code INVALID_EMAIL} when the contact's address is not valid
   */
  void inviteBulkItem(long bulkItemId);

  /** Records on the item that its contact's e-mail address is invalid; idempotent per item id. */
  void flagInvalidEmail(long bulkItemId);

  /** Closes the bulk invitation (counts, completion time); idempotent per bulk id. */
  void completeBulk(long bulkId);
}
