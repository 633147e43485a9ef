package io.passerelle.contact;

/** The language of the mails a contact receives. */
public enum Language {
  fr,
  en
}
