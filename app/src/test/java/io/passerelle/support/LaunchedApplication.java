package io.passerelle.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that launches Passerelle as a process of its own (its own JVM, ports, database and
 * data directory) and spends most of its time waiting for it: it runs beside the suite's other
 * classes, which run one after the other (junit-platform.properties), and one such class at a time.
 * It must not use an application context of this JVM, nor anything JVM-wide the others change.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(LaunchedApplication.LOCK)
public @interface LaunchedApplication {

  String LOCK = "passerelle.launched-application";
}
