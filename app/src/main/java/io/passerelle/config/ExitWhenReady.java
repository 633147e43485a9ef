package io.passerelle.config;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * With {@code passerelle.exit-when-ready=true}, stops the application as soon as it is ready. Used
 * by the training start of the start-up cache (scripts/lib.sh): it goes through the whole start-up
 * (the models' deployment, the first administrator, the development data) and not only through the
 * context's refresh, so that the classes those load are in the cache too.
 */
@Component
@ConditionalOnBooleanProperty("passerelle.exit-when-ready")
class ExitWhenReady {

  private static final Logger LOG = LoggerFactory.getLogger(ExitWhenReady.class);

  private final IntConsumer exit;

  @Autowired
  ExitWhenReady() {
    this(System::exit);
  }

  ExitWhenReady(IntConsumer exit) {
    this.exit = exit;
  }

  /** Closes the context (the engine stops, the connections close), then ends the JVM. */
  @EventListener(ApplicationReadyEvent.class)
  void exit(ApplicationReadyEvent event) {
    LOG.info("Ready: stopping now (passerelle.exit-when-ready)");
    exit.accept(SpringApplication.exit(event.getApplicationContext()));
  }
}
