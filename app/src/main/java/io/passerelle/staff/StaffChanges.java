package io.passerelle.staff;

/** A partial change: null fields stay as they are. */
public record StaffChanges(
    String email,
    String firstName,
    String lastName,
    StaffRole role,
    Boolean active,
    String password) {}
