package io.passerelle.catalog;

/** An organisational role of the firm's catalogue (e.g. DIRIGEANT, "Dirigeant"). */
public record RoleView(long id, String code, String label, boolean active) {}
