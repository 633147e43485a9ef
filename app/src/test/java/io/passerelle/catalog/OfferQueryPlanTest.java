package io.passerelle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.QueryPlanTest;
import io.passerelle.support.QueryPlans;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The offer by code, looked up by every proposal, keeps its plan between calls. */
@QueryPlanTest
class OfferQueryPlanTest {

  @Autowired OfferRepository offers;
  @Autowired EntityManagerFactory entityManagers;

  @Test
  @DisplayName("the offer lookup by code reuses its plan from the second call on")
  void planReused() {
    new QueryPlans(entityManagers)
        .assertReused("findByCode", () -> assertThat(offers.findByCode("NO-SUCH-OFFER")).isEmpty());
  }
}
