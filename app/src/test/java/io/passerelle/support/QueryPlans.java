package io.passerelle.support;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.springframework.data.jpa.repository.Query;

/**
 * Hibernate's query plan cache, seen through its statistics ({@link QueryPlanTest} turns them on).
 * A select written in HQL that runs again counts two hits: its interpretation (the parsed string)
 * and its plan (the SQL). One that may take a list counts one, the interpretation only: its plan is
 * made again on every call; a parameter may take a list in {@code in :statuses}, and also as the
 * last argument of a function ({@code lower(:email)}: varargs). A criteria query (a derived query,
 * a Specification) counts none.
 */
public final class QueryPlans {

  private final Statistics statistics;

  public QueryPlans(EntityManagerFactory entityManagers) {
    this.statistics = entityManagers.unwrap(SessionFactory.class).getStatistics();
  }

  /** Runs the call twice; the second run must take interpretation and plan from the cache. */
  public void assertReused(String what, Runnable call) {
    call.run();
    long hits = statistics.getQueryPlanCacheHitCount();
    long misses = statistics.getQueryPlanCacheMissCount();
    call.run();
    assertThat(statistics.getQueryPlanCacheMissCount() - misses)
        .as("%s: cache misses on the second call", what)
        .isZero();
    assertThat(statistics.getQueryPlanCacheHitCount() - hits)
        .as("%s: cache hits on the second call (interpretation and plan)", what)
        .isEqualTo(2);
  }

  /**
   * The constants of the enum that the repository method's query names (fully qualified), for the
   * queries that write out a constant set of statuses rather than take it as a parameter.
   */
  public static <E extends Enum<E>> Set<E> constantsNamed(
      Class<?> repository, String methodName, Class<E> type) {
    Method method =
        Arrays.stream(repository.getDeclaredMethods())
            .filter(m -> m.getName().equals(methodName))
            .findFirst()
            .orElseThrow(() -> new AssertionError(repository + " has no method " + methodName));
    String query = method.getAnnotation(Query.class).value();
    Matcher named =
        Pattern.compile(Pattern.quote(type.getCanonicalName()) + "\\.(\\w+)").matcher(query);
    Set<E> constants = EnumSet.noneOf(type);
    while (named.find()) {
      constants.add(Enum.valueOf(type, named.group(1)));
    }
    return constants;
  }
}
