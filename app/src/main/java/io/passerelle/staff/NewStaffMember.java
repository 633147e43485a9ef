package io.passerelle.staff;

/** What it takes to create a staff member; the password is given in clear and hashed at once. */
public record NewStaffMember(
    String username,
    String email,
    String firstName,
    String lastName,
    StaffRole role,
    String password) {}
