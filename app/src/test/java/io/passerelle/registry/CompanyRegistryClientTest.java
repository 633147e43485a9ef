package io.passerelle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.passerelle.support.FakeCompanyRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The registry adapter against a local server that answers in the real API's shape. */
class CompanyRegistryClientTest {

  private static final String BAKERY = "73282932000074";

  private FakeCompanyRegistry registry;
  private final List<Duration> pauses = new ArrayList<>();
  private CompanyRegistryClient client;

  @BeforeEach
  void start() throws Exception {
    registry = new FakeCompanyRegistry();
    client = client(Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private CompanyRegistryClient client(Duration readTimeout) {
    var properties =
        new CompanyRegistryProperties(
            registry.baseUrl(),
            Duration.ofSeconds(1),
            readTimeout,
            3,
            Duration.ofMillis(200),
            Duration.ofSeconds(2));
    return new CompanyRegistryClient(properties, new ObjectMapper(), pauses::add);
  }

  private static FakeCompanyRegistry.Company bakery(boolean closed) {
    return new FakeCompanyRegistry.Company(
        "732829320",
        "BOULANGERIE DUPONT",
        "5499",
        "12 RUE DES LILAS",
        "75011",
        "PARIS 11",
        "10.71C",
        closed,
        false);
  }

  @Test
  @DisplayName("a known SIRET prefills name, legal form, street, postal code, city and NAF code")
  void found() {
    registry.answer(BAKERY, bakery(false));

    var lookup = client.lookup("732 829 320 00074");

    assertThat(lookup).isInstanceOf(CompanyLookup.Found.class);
    var company = ((CompanyLookup.Found) lookup).company();
    assertThat(company.siret()).isEqualTo(BAKERY);
    assertThat(company.siren()).isEqualTo("732829320");
    assertThat(company.companyName()).isEqualTo("BOULANGERIE DUPONT");
    assertThat(company.legalFormCode()).isEqualTo("5499");
    assertThat(company.legalForm()).isEqualTo("SARL");
    assertThat(company.address()).isEqualTo("12 RUE DES LILAS");
    assertThat(company.postalCode()).isEqualTo("75011");
    assertThat(company.city()).isEqualTo("PARIS 11");
    assertThat(company.nafCode()).isEqualTo("10.71C");
    assertThat(company.closed()).isFalse();
    assertThat(company.headOffice()).isFalse();
    assertThat(pauses).isEmpty();
  }

  @Test
  @DisplayName("a closed establishment is flagged")
  void closed() {
    registry.answer(BAKERY, bakery(true));
    var company = ((CompanyLookup.Found) client.lookup(BAKERY)).company();
    assertThat(company.closed()).isTrue();
  }

  @Test
  @DisplayName("an unknown SIRET is not found (the registry answers an empty list)")
  void notFound() {
    assertThat(client.lookup("11111111111111"))
        .isEqualTo(new CompanyLookup.NotFound("11111111111111"));
    assertThat(registry.calls("11111111111111")).isEqualTo(1);
  }

  @Test
  @DisplayName("429 twice, then an answer: the adapter waits as told and gets it")
  void rateLimited() {
    registry.answer(BAKERY, new FakeCompanyRegistry.RateLimitedThen(2, bakery(false)));

    assertThat(client.lookup(BAKERY)).isInstanceOf(CompanyLookup.Found.class);
    assertThat(registry.calls(BAKERY)).isEqualTo(3);
    assertThat(pauses).containsExactly(Duration.ZERO, Duration.ZERO);
  }

  @Test
  @DisplayName("500 on every attempt: unavailable after 3 attempts with growing pauses")
  void failing() {
    registry.answer(BAKERY, new FakeCompanyRegistry.Failing());

    assertThatThrownBy(() -> client.lookup(BAKERY))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("after 3 attempts")
        .hasMessageContaining("HTTP 500");
    assertThat(registry.calls(BAKERY)).isEqualTo(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
  }

  @Test
  @DisplayName("500 once, then back within the attempts: the lookup gets its answer")
  void downThenBack() {
    registry.answer(BAKERY, new FakeCompanyRegistry.FailingThen(1, bakery(false)));

    assertThat(client.lookup(BAKERY)).isInstanceOf(CompanyLookup.Found.class);
    assertThat(registry.calls(BAKERY)).isEqualTo(2);
    assertThat(pauses).containsExactly(Duration.ofMillis(200));
  }

  @Test
  @DisplayName("a maintenance page instead of JSON is no answer, said plainly")
  void garbage() {
    registry.answer(BAKERY, new FakeCompanyRegistry.Garbage());

    assertThatThrownBy(() -> client.lookup(BAKERY))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  @DisplayName("an answer slower than the read timeout counts as no answer")
  void timeout() {
    registry.answer(BAKERY, new FakeCompanyRegistry.Slow(1_500, bakery(false)));
    var impatient = client(Duration.ofMillis(200));

    assertThatThrownBy(() -> impatient.lookup(BAKERY))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("did not answer within");
  }

  @Test
  @DisplayName("a registry that cannot be reached is unavailable, not a crash")
  void unreachable() throws Exception {
    int closedPort = io.passerelle.config.Ports.anyFree();
    var properties =
        new CompanyRegistryProperties(
            java.net.URI.create("http://127.0.0.1:" + closedPort),
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            2,
            Duration.ofMillis(10),
            Duration.ofSeconds(1));
    var nowhere = new CompanyRegistryClient(properties, new ObjectMapper(), pauses::add);
    assertThatThrownBy(() -> nowhere.lookup(BAKERY))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageContaining("could not be reached");
  }

  @Test
  @DisplayName("a SIRET that is not 14 digits is refused before any call")
  void malformed() {
    assertThatThrownBy(() -> client.lookup("1234")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.lookup("7328293200007A"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.lookup(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
