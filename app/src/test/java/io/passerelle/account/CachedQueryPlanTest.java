package io.passerelle.account;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The journey's hot lookups are HQL, whose plan Hibernate keeps between calls (a derived query is a
 * criteria query, translated again on every call in Hibernate 6).
 */
@DataJpaTest(properties = "spring.jpa.properties.hibernate.generate_statistics=true")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles("test")
class CachedQueryPlanTest {

  @Autowired ClientAccountRepository accounts;
  @Autowired InvitationRepository invitations;
  @Autowired EntityManagerFactory entityManagers;

  @Test
  @DisplayName("the account and invitation lookups reuse their plan from the second call on")
  void planReused() {
    Statistics statistics = entityManagers.unwrap(SessionFactory.class).getStatistics();
    accounts.findByContactId(-1);
    invitations.findByAccountIdAndStatusIn(-1, InvitationStatus.LIVE);
    invitations.findByIssueRequestKey(-1);
    long hits = statistics.getQueryPlanCacheHitCount();

    for (int i = 0; i < 5; i++) {
      assertThat(accounts.findByContactId(-2 - i)).isEmpty();
      assertThat(invitations.findByAccountIdAndStatusIn(-2 - i, InvitationStatus.LIVE)).isEmpty();
      assertThat(invitations.findByIssueRequestKey(-2 - i)).isEmpty();
    }

    assertThat(statistics.getQueryPlanCacheHitCount()).isGreaterThanOrEqualTo(hits + 15);
  }
}
