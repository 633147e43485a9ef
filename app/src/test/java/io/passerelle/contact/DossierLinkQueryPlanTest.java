package io.passerelle.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.QueryPlanTest;
import io.passerelle.support.QueryPlans;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The live link, looked up by every grant and every proposal, keeps its plan between calls. */
@QueryPlanTest
class DossierLinkQueryPlanTest {

  @Autowired DossierLinkRepository links;
  @Autowired EntityManagerFactory entityManagers;

  @Test
  @DisplayName("the live link lookup reuses its plan from the second call on")
  void planReused() {
    new QueryPlans(entityManagers)
        .assertReused("findLive", () -> assertThat(links.findLive(-1, -1)).isEmpty());
  }
}
