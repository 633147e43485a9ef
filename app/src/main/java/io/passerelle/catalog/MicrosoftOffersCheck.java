package io.passerelle.catalog;

import io.passerelle.microsoft.Identity;
import io.passerelle.microsoft.MicrosoftProperties;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up: an active offer whose clients sign in with Microsoft needs the firm's tenant
 * configured, or Passerelle does not start (one line saying which variables to set), rather than
 * failing each onboarding of that offer later.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MicrosoftOffersCheck implements ApplicationRunner {

  private final OfferRepository offers;
  private final MicrosoftProperties microsoft;

  MicrosoftOffersCheck(OfferRepository offers, MicrosoftProperties microsoft) {
    this.offers = offers;
    this.microsoft = microsoft;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (microsoft.configured()) {
      return;
    }
    List<String> codes = offers.activeCodesWithIdentity(Identity.MICROSOFT);
    if (!codes.isEmpty()) {
      microsoft.requireConfigured(
          (codes.size() == 1 ? "The offer " : "The offers ") + String.join(", ", codes));
    }
  }
}
