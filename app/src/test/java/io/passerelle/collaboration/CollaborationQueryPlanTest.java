package io.passerelle.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.QueryPlanTest;
import io.passerelle.support.QueryPlans;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A proposal's lookups are HQL without collection parameters: Hibernate keeps their plan. */
@QueryPlanTest
class CollaborationQueryPlanTest {

  @Autowired CollaborativeServiceRepository services;
  @Autowired EntityManagerFactory entityManagers;

  @Test
  @DisplayName("the service lookups of a proposal reuse their plan from the second call on")
  void planReused() {
    var plans = new QueryPlans(entityManagers);
    plans.assertReused(
        "findByOnboardingId", () -> assertThat(services.findByOnboardingId(-1)).isEmpty());
    plans.assertReused("findLive", () -> assertThat(services.findLive(-1, -1, -1)).isEmpty());
  }

  @Test
  @DisplayName("the live service's query names the statuses of ServiceStatus.LIVE")
  void liveStatuses() {
    assertThat(
            QueryPlans.constantsNamed(
                CollaborativeServiceRepository.class, "findLive", ServiceStatus.class))
        .isEqualTo(ServiceStatus.LIVE);
  }
}
