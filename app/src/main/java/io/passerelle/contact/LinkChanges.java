package io.passerelle.contact;

/**
 * A change of access: null = unchanged; {@code limitedTo} "" = the whole dossier again; {@code
 * holder} can only be turned on (a holder stays a holder).
 */
public record LinkChanges(String limitedTo, AccessLevel accessLevel, Boolean holder) {}
