package io.passerelle.catalog;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.passerelle.config.StartupConfigurationException;
import io.passerelle.microsoft.Identity;
import io.passerelle.microsoft.MicrosoftProperties;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MicrosoftOffersCheckTest {

  private static final URI GRAPH = URI.create("https://graph.microsoft.com/v1.0");
  private static final URI LOGIN = URI.create("https://login.microsoftonline.com");

  private final OfferRepository offers = mock(OfferRepository.class);

  @Test
  @DisplayName(
      "an active MICROSOFT offer without the tenant configured stops the start, naming the offer and"
          + " the variables to set")
  void microsoftOfferWithoutTenant() {
    when(offers.activeCodesWithIdentity(Identity.MICROSOFT)).thenReturn(List.of("START"));
    var unconfigured = new MicrosoftProperties(null, "app-id", " ", GRAPH, LOGIN, null);

    assertThatThrownBy(() -> new MicrosoftOffersCheck(offers, unconfigured).run(null))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("The offer START signs its clients in with Microsoft")
        .hasMessageContaining("PASSERELLE_MICROSOFT_TENANT_ID")
        .hasMessageContaining("PASSERELLE_MICROSOFT_CLIENT_SECRET")
        .hasMessageNotContaining("PASSERELLE_MICROSOFT_CLIENT_ID,");
  }

  @Test
  @DisplayName("no MICROSOFT offer: starts without a tenant")
  void noMicrosoftOffer() {
    when(offers.activeCodesWithIdentity(Identity.MICROSOFT)).thenReturn(List.of());
    var unconfigured = new MicrosoftProperties(null, null, null, GRAPH, LOGIN, null);

    assertThatCode(() -> new MicrosoftOffersCheck(offers, unconfigured).run(null))
        .doesNotThrowAnyException();
  }

  @Test
  @DisplayName("the tenant configured: the offers are not even read")
  void configured() {
    var configured = new MicrosoftProperties("tenant", "app-id", "secret", GRAPH, LOGIN, null);

    assertThatCode(() -> new MicrosoftOffersCheck(offers, configured).run(null))
        .doesNotThrowAnyException();
    verifyNoInteractions(offers);
  }
}
