package io.passerelle.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The persistence layer of the test pyramid: the JPA slice (entities, repositories, JDBC templates,
 * Flyway; no web, no engine, no mail) on real PostgreSQL, in a database of its own ({@code <test
 * database>_jpa}, created empty at the slice's start and migrated by Flyway), so that what the
 * whole-application tests commit never shows in a count here. Each test rolls back. Every class
 * that uses it (and {@link QueryPlanTest}) shares one application context: a test class adds no
 * {@code @MockitoBean}, {@code @Import} or properties of its own; a read model under test that
 * needs beans of its own is built in the test from the slice's templates.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@DataJpaTest(properties = "spring.jpa.properties.hibernate.generate_statistics=true")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = RepositoryTest.OwnDatabase.class)
@ActiveProfiles("test")
public @interface RepositoryTest {

  /** Points the slice at a fresh database of its own. */
  final class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      String database = TestDatabases.ownDatabase("jpa");
      TestPropertyValues.of("spring.datasource.url=" + TestDatabases.url(database))
          .applyTo(context.getEnvironment());
    }
  }
}
