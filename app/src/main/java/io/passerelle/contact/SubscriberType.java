package io.passerelle.contact;

/** The kind of interlocutor (seed 000's "Type d'abonné", seed 003's family and advisors). */
public enum SubscriberType {
  CLIENT,
  FAMILY_MEMBER,
  EMPLOYEE,
  ADVISOR
}
