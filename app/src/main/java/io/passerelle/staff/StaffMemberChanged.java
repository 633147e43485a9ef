package io.passerelle.staff;

/**
 * A staff member was created, or their name, e-mail, role or state changed: published in the
 * transaction of the change, for whoever keeps a copy of the firm's staff elsewhere (the Camunda
 * cluster's users, in remote mode).
 */
public record StaffMemberChanged(long staffId) {}
