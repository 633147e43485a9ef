package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.QueryPlanTest;
import io.passerelle.support.QueryPlans;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lookups that every onboarding and every bulk item run are HQL without collection parameters,
 * whose plan Hibernate keeps between calls.
 */
@QueryPlanTest
class OnboardingQueryPlanTest {

  @Autowired OnboardingRepository onboardings;
  @Autowired BulkInvitationItemRepository items;
  @Autowired EntityManagerFactory entityManagers;

  @Test
  @DisplayName("the onboarding and bulk item lookups reuse their plan from the second call on")
  void planReused() {
    var plans = new QueryPlans(entityManagers);
    plans.assertReused("lockById", () -> assertThat(onboardings.lockById(-1)).isEmpty());
    plans.assertReused(
        "findByBulkItemId", () -> assertThat(onboardings.findByBulkItemId(-1)).isEmpty());
    plans.assertReused(
        "existsRunning", () -> assertThat(onboardings.existsRunning(-1, -1, "NONE")).isFalse());
    plans.assertReused("items.lockById", () -> assertThat(items.lockById(-1)).isEmpty());
  }

  @Test
  @DisplayName("the running onboardings' query names the statuses of OnboardingService.RUNNING")
  void runningStatuses() {
    assertThat(
            QueryPlans.constantsNamed(
                OnboardingRepository.class, "existsRunning", OnboardingStatus.class))
        .isEqualTo(OnboardingService.RUNNING);
  }
}
