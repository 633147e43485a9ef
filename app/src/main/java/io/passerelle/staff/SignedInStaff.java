package io.passerelle.staff;

/** The principal of a signed-in staff member (pages and API), as {@link StaffScope} reads it. */
public interface SignedInStaff {

  StaffView staff();
}
