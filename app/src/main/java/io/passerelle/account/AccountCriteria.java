package io.passerelle.account;

import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Subquery;

/**
 * Criteria over client accounts for another feature's queries (the contacts list filters on the
 * account's status), so that the account's entity stays this package's own.
 */
public final class AccountCriteria {

  private AccountCriteria() {}

  /**
   * The contact whose id is {@code contactId} has an account in this status; for {@link
   * AccountStatus#NOT_INVITED}, also a contact with no account at all.
   */
  public static Predicate contactHasAccountStatus(
      AbstractQuery<?> query,
      CriteriaBuilder cb,
      Expression<Long> contactId,
      AccountStatus status) {
    Subquery<Long> withStatus = query.subquery(Long.class);
    var account = withStatus.from(ClientAccount.class);
    withStatus.select(account.get("contactId")).where(cb.equal(account.get("status"), status));
    Predicate matches = contactId.in(withStatus);
    if (status == AccountStatus.NOT_INVITED) {
      Subquery<Long> any = query.subquery(Long.class);
      var other = any.from(ClientAccount.class);
      any.select(other.get("contactId"));
      matches = cb.or(matches, cb.not(contactId.in(any)));
    }
    return matches;
  }
}
