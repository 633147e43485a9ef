package io.passerelle.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.QueryPlanTest;
import io.passerelle.support.QueryPlans;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The journey's hot lookups are HQL whose plan Hibernate keeps between calls: no derived query
 * (criteria, translated again on every call in Hibernate 6), no collection parameter and no
 * parameter as a function's last argument (both planned again on every call).
 */
@QueryPlanTest
class CachedQueryPlanTest {

  @Autowired ClientAccountRepository accounts;
  @Autowired InvitationRepository invitations;
  @Autowired EntityManagerFactory entityManagers;

  @Test
  @DisplayName("the account and invitation lookups reuse their plan from the second call on")
  void planReused() {
    var plans = new QueryPlans(entityManagers);
    plans.assertReused("findByContactId", () -> assertThat(accounts.findByContactId(-1)).isEmpty());
    plans.assertReused(
        "findByLowerCaseEmail",
        () -> assertThat(accounts.findByLowerCaseEmail("nobody@example.test")).isEmpty());
    plans.assertReused(
        "findLiveByAccountId", () -> assertThat(invitations.findLiveByAccountId(-1)).isEmpty());
    plans.assertReused(
        "findByIssueRequestKey", () -> assertThat(invitations.findByIssueRequestKey(-1)).isEmpty());
  }

  @Test
  @DisplayName("the live invitations' query names the statuses of InvitationStatus.LIVE")
  void liveStatuses() {
    assertThat(
            QueryPlans.constantsNamed(
                InvitationRepository.class, "findLiveByAccountId", InvitationStatus.class))
        .isEqualTo(InvitationStatus.LIVE);
  }
}
