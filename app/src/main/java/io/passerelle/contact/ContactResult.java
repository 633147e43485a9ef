package io.passerelle.contact;

/**
 * @param created false when the contact with that e-mail was reused
 */
public record ContactResult(ContactView contact, boolean created) {}
