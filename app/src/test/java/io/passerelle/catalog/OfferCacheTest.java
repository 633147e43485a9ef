package io.passerelle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.microsoft.Identity;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OfferCacheTest {

  private final OfferCache cache = new OfferCache();
  private final AtomicInteger loads = new AtomicInteger();

  private Optional<OfferView> load(String name) {
    loads.incrementAndGet();
    return Optional.of(
        new OfferView(
            1,
            "START",
            name,
            "",
            true,
            true,
            true,
            true,
            false,
            new OfferView.Widget("W_START", "Start"),
            true,
            Identity.PASSERELLE));
  }

  @Test
  @DisplayName("an offer read twice is loaded once")
  void keeps() {
    assertThat(cache.get("START", () -> load("Start")))
        .get()
        .extracting(OfferView::name)
        .isEqualTo("Start");
    assertThat(cache.get("START", () -> load("other")))
        .get()
        .extracting(OfferView::name)
        .isEqualTo("Start");
    assertThat(loads).hasValue(1);
  }

  @Test
  @DisplayName("a change forgets the offer: the next read loads it again")
  void forgetsOnChange() {
    cache.get("START", () -> load("Start"));
    cache.forgetAfterCommit("START");
    assertThat(cache.get("START", () -> load("Start renamed")))
        .get()
        .extracting(OfferView::name)
        .isEqualTo("Start renamed");
    assertThat(loads).hasValue(2);
  }

  @Test
  @DisplayName("an unknown code is not kept: an offer defined after it is found at once")
  void missingNotKept() {
    assertThat(cache.get("NEW", Optional::empty)).isEmpty();
    assertThat(cache.get("NEW", () -> load("New"))).isPresent();
  }
}
