package io.passerelle.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.microsoft.GraphException;
import io.passerelle.workers.support.PacedFailure;
import io.passerelle.workers.support.RetryLater;
import java.lang.reflect.Constructor;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How Graph's failures reach the engine (issue 23, item 6). */
class GuestJourneyFailuresTest {

  @Test
  @DisplayName("throttled or down: retried after Graph's Retry-After, one retry less each time")
  void unavailableIsPacedByRetryAfter() throws Exception {
    RuntimeException failure =
        GuestJourney.technical(
            make(
                GraphException.Unavailable.class,
                "Microsoft Graph answered 429",
                Duration.ofSeconds(7),
                null));

    assertThat(failure).isInstanceOf(PacedFailure.class).isNotInstanceOf(RetryLater.class);
    assertThat(((PacedFailure) failure).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(((PacedFailure) failure).needsAPerson()).isFalse();
  }

  @Test
  @DisplayName(
      "credentials refused: the first job is the one incident, the others wait without spending"
          + " a retry")
  void credentialsRefusedOnce() throws Exception {
    RuntimeException first =
        GuestJourney.technical(
            make(GraphException.CredentialsRefused.class, "Entra ID refused", true));
    RuntimeException others =
        GuestJourney.technical(
            make(GraphException.CredentialsRefused.class, "Entra ID refused", false));

    assertThat(((PacedFailure) first).needsAPerson()).isTrue();
    assertThat(others).isInstanceOf(RetryLater.class);
    assertThat(((RetryLater) others).costsNoRetry()).isTrue();
    assertThat(((RetryLater) others).retryAfter()).isEqualTo(GuestJourney.CREDENTIALS_WAIT);
    assertThat(others.getMessage()).isEqualTo(first.getMessage());
  }

  /** The exceptions' constructors are the Graph client's; a test reaches them by reflection. */
  private static <T> T make(Class<T> type, Object... args) throws Exception {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (constructor.getParameterCount() == args.length) {
        constructor.setAccessible(true);
        return type.cast(constructor.newInstance(args));
      }
    }
    throw new IllegalArgumentException("no constructor of " + type + " with " + args.length);
  }
}
