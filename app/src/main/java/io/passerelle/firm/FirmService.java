package io.passerelle.firm;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the firm's row in line with its configuration. */
@Service
public class FirmService {

  private final FirmRepository firms;
  private final FirmProperties properties;

  FirmService(FirmRepository firms, FirmProperties properties) {
    this.firms = firms;
    this.properties = properties;
  }

  @EventListener(ApplicationStartedEvent.class)
  @Transactional
  public void applyConfiguration() {
    firms.upsert(properties.name(), properties.senderEmail());
  }

  @Transactional(readOnly = true)
  public Firm firm() {
    return firms
        .findById(Firm.THE_FIRM)
        .orElseGet(() -> new Firm(properties.name(), properties.senderEmail()));
  }
}
