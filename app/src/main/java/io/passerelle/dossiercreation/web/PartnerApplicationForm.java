package io.passerelle.dossiercreation.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** One partner application of the catalogue on the {@link NewDossierForm}. */
public class PartnerApplicationForm {
  private boolean accessAllowed;
  private boolean onClientPortal;
  private Map<String, String> settings = new LinkedHashMap<>();

  public boolean isAccessAllowed() {
    return accessAllowed;
  }

  public void setAccessAllowed(boolean accessAllowed) {
    this.accessAllowed = accessAllowed;
  }

  public boolean isOnClientPortal() {
    return onClientPortal;
  }

  public void setOnClientPortal(boolean onClientPortal) {
    this.onClientPortal = onClientPortal;
  }

  public Map<String, String> getSettings() {
    return settings;
  }

  public void setSettings(Map<String, String> settings) {
    this.settings = settings == null ? new LinkedHashMap<>() : settings;
  }

  /** Anything chosen or typed for this application. */
  boolean touched() {
    return accessAllowed
        || onClientPortal
        || settings.values().stream().anyMatch(v -> v != null && !v.isBlank());
  }
}
