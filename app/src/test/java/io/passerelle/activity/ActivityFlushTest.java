package io.passerelle.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.support.Fixtures;
import io.passerelle.support.PasserelleSpringTest;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import org.hibernate.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Recording an entry writes the feed and nothing else: the transaction's changes stay pending. */
@PasserelleSpringTest
class ActivityFlushTest {

  @Autowired ActivityService activity;
  @Autowired EntityManager entityManager;
  @Autowired TransactionTemplate transactions;

  @Test
  @DisplayName("recording an entry does not flush the transaction's pending changes")
  void recordFlushesNothingElse() {
    transactions.executeWithoutResult(
        status -> {
          status.setRollbackOnly();
          Session session = entityManager.unwrap(Session.class);
          // any managed entity with a change not flushed yet: the firm's row, renamed through its
          // field (the entity has no setter; Hibernate compares field values at flush time)
          // (the entity is the firm feature's own, package-private: reached by its name here)
          Object firm = entityManager.find(FIRM, (short) 1);
          assertThat(firm).isNotNull();
          rename(firm, "Cabinet (renamed)");
          assertThat(session.isDirty()).as("the rename is pending").isTrue();

          assertThat(
                  activity.record(
                      ActivityRecord.of(
                          ActivityType.ONBOARDING_COMPLETED, Fixtures.SYSTEM, null, null)))
              .isTrue();

          assertThat(session.isDirty()).as("the rename is still pending after record()").isTrue();
        });
  }

  private static final Class<?> FIRM = firmEntity();

  private static Class<?> firmEntity() {
    try {
      return Class.forName("io.passerelle.firm.Firm");
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  private static void rename(Object firm, String name) {
    try {
      Field field = FIRM.getDeclaredField("name");
      field.setAccessible(true);
      field.set(firm, name);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
