package io.passerelle.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between the modes: user-task commands and queries. Commands common to both go over
 * gRPC in {@link ProcessEngine} itself.
 */
interface ModeOperations {

  List<OpenUserTask> openUserTasks();

  Optional<OpenUserTask> openUserTask(long userTaskKey);

  void assignUserTask(long userTaskKey, String assignee);

  void completeUserTask(long userTaskKey, Map<String, Object> variables);

  Optional<InstanceState> instanceState(long processInstanceKey);

  Optional<InstanceTrail> instanceTrail(long processInstanceKey);
}
