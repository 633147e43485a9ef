package io.passerelle.support;

import io.passerelle.PasserelleApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Passerelle as its own application (not the shared test context), for tests of start-up,
 * configuration and failure: any free ports unless told otherwise, the development tools on in
 * embedded mode (as the tests' profile has them), and the properties given.
 */
public final class StandaloneApp {

  private StandaloneApp() {}

  public static ConfigurableApplicationContext start(String... properties) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("server.port", "0");
    all.put("passerelle.engine.port", "0");
    all.put("passerelle.dev-mail.port", "0");
    all.put("spring.main.banner-mode", "off");
    // a data directory of its own, deleted at stop, unless the test gives one
    all.put("passerelle.engine.temporary-data-dir", "true");
    // as the tests' profile: the development tools (mailbox, clock) in embedded mode, unless a test
    // says otherwise (remote mode refuses them)
    boolean remote = java.util.List.of(properties).contains("passerelle.engine.mode=remote");
    all.put("passerelle.development.enabled", String.valueOf(!remote));
    for (String property : properties) {
      int equals = property.indexOf('=');
      all.put(property.substring(0, equals), property.substring(equals + 1));
    }
    // as command-line arguments: they win over application.yml, as an operator's would
    return new SpringApplicationBuilder(PasserelleApplication.class)
        .run(
            all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }
}
