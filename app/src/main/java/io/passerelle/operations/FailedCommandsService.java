package io.passerelle.operations;

import io.passerelle.activity.ActivityRecord;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.domain.Actor;
import io.passerelle.engine.FailedEngineCommands;
import io.passerelle.engine.FailedEngineCommands.FailedCommand;
import io.passerelle.engine.FailedEngineCommands.RelayOutcome;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The engine commands given up by the outbox's relay (a message, a task completion or a variable
 * change the engine refused for good), for the office administrator: listed with what the engine
 * said, relayed again one by one or all at once, or discarded. Each action is recorded in the
 * activity feed; a second click on a command already handled changes nothing.
 */
@Service
public class FailedCommandsService {

  /** How many given-up commands the page and the API list (the most recent). */
  public static final int SHOWN = 200;

  private final FailedEngineCommands commands;
  private final ActivityService activity;

  FailedCommandsService(FailedEngineCommands commands, ActivityService activity) {
    this.commands = commands;
    this.activity = activity;
  }

  /** The given-up commands (at most {@link #SHOWN}, the most recent first) and their count. */
  public FailedCommands list(Actor actor) {
    OperationsService.requireAdministrator(actor);
    return new FailedCommands(commands.count(), commands.list(SHOWN));
  }

  /** Relays one given-up command again now. */
  public RelayOutcome relayAgain(long id, Actor actor) {
    OperationsService.requireAdministrator(actor);
    RelayOutcome outcome = commands.relayAgain(id);
    if (outcome != RelayOutcome.NOT_FOUND) {
      activity.record(
          ActivityRecord.of(ActivityType.ENGINE_COMMAND_RELAYED_AGAIN, actor, null, null)
              .with("command", id)
              .with("outcome", outcome.name()));
    }
    return outcome;
  }

  /** Puts every given-up command back in the relay's queue; returns how many. */
  public int relayAllAgain(Actor actor) {
    OperationsService.requireAdministrator(actor);
    int count = commands.relayAllAgain();
    if (count > 0) {
      activity.record(
          ActivityRecord.of(ActivityType.ENGINE_COMMAND_RELAYED_AGAIN, actor, null, null)
              .with("commands", count));
    }
    return count;
  }

  /** Drops one given-up command for good; false when it was handled already. */
  public boolean discard(long id, Actor actor) {
    OperationsService.requireAdministrator(actor);
    boolean done = commands.discard(id);
    if (done) {
      activity.record(
          ActivityRecord.of(ActivityType.ENGINE_COMMAND_DISCARDED, actor, null, null)
              .with("command", id));
    }
    return done;
  }

  /** How many commands are given up, and the most recent of them. */
  public record FailedCommands(long count, List<FailedCommand> shown) {}
}
