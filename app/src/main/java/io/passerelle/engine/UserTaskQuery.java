package io.passerelle.engine;

/**
 * Which open user tasks to ask the engine for: the cluster filters its search with these (and pages
 * through every result), the embedded projection the same way in memory. A null field filters
 * nothing.
 *
 * @param processInstanceKey the tasks of one process instance
 * @param assignee the tasks assigned to this username
 * @param candidateGroup the tasks offered to this candidate group
 * @param candidateUser the tasks offered to this username
 * @param unassigned only the tasks nobody has claimed
 */
public record UserTaskQuery(
    Long processInstanceKey,
    String assignee,
    String candidateGroup,
    String candidateUser,
    boolean unassigned) {

  /** Every open task. */
  public static final UserTaskQuery ALL = new UserTaskQuery(null, null, null, null, false);

  public static UserTaskQuery ofInstance(long processInstanceKey) {
    return new UserTaskQuery(processInstanceKey, null, null, null, false);
  }

  public static UserTaskQuery assignedTo(String username) {
    return new UserTaskQuery(null, username, null, null, false);
  }

  /** Unclaimed tasks of a candidate group. */
  public static UserTaskQuery unassignedOfGroup(String group) {
    return new UserTaskQuery(null, null, group, null, true);
  }

  /** Unclaimed tasks offered to one person by name. */
  public static UserTaskQuery unassignedOfferedTo(String username) {
    return new UserTaskQuery(null, null, null, username, true);
  }

  /** Whether the task is one of these (the embedded projection's filter). */
  boolean matches(OpenUserTask task) {
    boolean claimed = task.assignee() != null && !task.assignee().isBlank();
    return (processInstanceKey == null || task.processInstanceKey() == processInstanceKey)
        && (assignee == null || assignee.equals(task.assignee()))
        && (candidateGroup == null || task.candidateGroups().contains(candidateGroup))
        && (candidateUser == null || task.candidateUsers().contains(candidateUser))
        && !(unassigned && claimed);
  }

  @Override
  public String toString() {
    return (processInstanceKey == null ? "" : " of instance " + processInstanceKey)
        + (assignee == null ? "" : " assigned to " + assignee)
        + (candidateGroup == null ? "" : " of candidate group " + candidateGroup)
        + (candidateUser == null ? "" : " offered to " + candidateUser)
        + (unassigned ? ", unassigned" : "");
  }
}
