package io.passerelle.activity;

import io.passerelle.domain.Actor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entry to append.
 *
 * @param dedupKey optional: a second record with the same key is ignored (a redelivered job)
 */
public record ActivityRecord(
    ActivityType type,
    Actor actor,
    Long dossierId,
    Long contactId,
    Map<String, Object> details,
    String dedupKey) {

  public static ActivityRecord of(ActivityType type, Actor actor, Long dossierId, Long contactId) {
    return new ActivityRecord(type, actor, dossierId, contactId, Map.of(), null);
  }

  /** The same entry with one more detail (an id, a code, a flag: never a name or an e-mail). */
  public ActivityRecord with(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new ActivityRecord(type, actor, dossierId, contactId, more, dedupKey);
  }

  public ActivityRecord dedupKey(String key) {
    return new ActivityRecord(type, actor, dossierId, contactId, details, key);
  }
}
