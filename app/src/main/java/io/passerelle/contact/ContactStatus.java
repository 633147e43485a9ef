package io.passerelle.contact;

/** ACTIVE; DEACTIVATED (kept with its history, can come back); ERASED (anonymised, GDPR). */
public enum ContactStatus {
  ACTIVE,
  DEACTIVATED,
  ERASED
}
