package io.passerelle.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JPA slice of {@link RepositoryTest} (the same application context), for {@link QueryPlans}:
 * Hibernate's statistics are on there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RepositoryTest
public @interface QueryPlanTest {}
