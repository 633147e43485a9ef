package io.passerelle.domain;

/**
 * Who asks for a change: a staff member (through the API or the staff pages), a client (through
 * their space), or the system (a process step acting on a command that was authorised when it was
 * accepted). Every application service takes one, checks it against the rules, and records it in
 * the activity feed.
 */
public sealed interface Actor {

  /** A signed-in member of the firm. */
  record Staff(long staffId, String username, boolean administrator) implements Actor {}

  /** A client signed in to their space, by their account. */
  record Client(long accountId) implements Actor {}

  /** Passerelle itself: a process step, a start-up task. {@code what} says which, for the logs. */
  record SystemActor(String what) implements Actor {}

  static Actor system(String what) {
    return new SystemActor(what);
  }

  default boolean isAdministrator() {
    return this instanceof Staff staff && staff.administrator();
  }
}
