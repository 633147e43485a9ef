package io.passerelle.microsoft;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the staff's sign-in with Microsoft before anything starts: {@code
 * PASSERELLE_MICROSOFT_STAFF_SSO=true} without the firm's tenant stops the start at once, with what
 * to set ({@link MicrosoftSignInProperties#requireTenant}), rather than once the database is
 * migrated and the engine started, when the staff's filter chain is built (which checks it again).
 */
public class MicrosoftSignInEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  private static final String PREFIX = "passerelle.microsoft";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Binder binder = Binder.get(environment);
    MicrosoftSignInProperties signIn = binder.bindOrCreate(PREFIX, MicrosoftSignInProperties.class);
    if (signIn.staffSso()) {
      signIn.requireTenant(binder.bindOrCreate(PREFIX, MicrosoftProperties.class));
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
