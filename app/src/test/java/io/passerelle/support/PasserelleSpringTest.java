package io.passerelle.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application as it runs: embedded engine (any free port), real PostgreSQL (database
 * {@code passerelle_test}), the in-process SMTP server, a real HTTP port, the engine-check workers,
 * and the company registry as a local fake ({@link FakeRegistryConfiguration}). Every test class
 * that uses it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({EngineCheckWorkers.class, FakeRegistryConfiguration.class})
public @interface PasserelleSpringTest {}
