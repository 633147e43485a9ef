package io.passerelle.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole application again, in one second application context with a database of its own ({@code
 * <test database>_isolated}), for the tests that cannot share the first ({@link
 * PasserelleSpringTest}): the statement counts of the list pages (every statement on the request's
 * thread counted, {@link StatementCounter}; thousands of rows that would show in the shared lists),
 * back-pressure (an engine backlog limit of 500, the start sweeper every 2 s, no snapshot during
 * the test), the client pages' sessions over real HTTP (a context where Spring Security Test's
 * {@code csrf()} never ran), the engine command outbox (its link to the engine cut, {@link
 * EngineLink}, and the relay's schedule switched off at run time) and the operations journey (lost
 * instances, whose onboardings must not be the shared context's; the development SMTP server
 * stopped at run time), and the sign-in with Microsoft (the firm's tenant against local fakes and a
 * fixed port, {@link MicrosoftTenant}). One context for these, not one each: every context boots
 * its own engine. A test class adds nothing to it ({@code @Import}, properties, mocks), or it gets
 * a context of its own again; what a test must switch, it switches at run time and switches back
 * when done.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PasserelleSpringTest
@Import({StatementCounter.class, EngineLink.class})
@TestPropertySource(
    properties = {
      "passerelle.engine.backlog-limit=500",
      "passerelle.journey.start-sweep-interval=PT2S",
      // no snapshot (and so no log compaction): the back-pressure test counts the creation
      // commands on the log from its first record, which a compaction would delete
      "passerelle.engine.snapshot-interval=PT1H",
      "passerelle.engine.snapshot-records=100000000"
    })
@ContextConfiguration(initializers = {IsolatedSpringTest.OwnDatabase.class, MicrosoftTenant.class})
public @interface IsolatedSpringTest {

  /**
   * A database of its own: two contexts on one database each run their sweepers over the other's
   * rows (the shared context would start this one's STARTING onboardings on its own engine).
   */
  final class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      String database = TestDatabases.ownDatabase("isolated");
      TestPropertyValues.of("spring.datasource.url=" + TestDatabases.url(database))
          .applyTo(context.getEnvironment());
    }
  }
}
