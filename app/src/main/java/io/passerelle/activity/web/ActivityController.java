package io.passerelle.activity.web;

import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.activity.ActivityView;
import io.passerelle.web.ApiPaging;
import java.time.Instant;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/activity}: the activity feed, newest first; filter by dossier, contact, type. */
@RestController
class ActivityController {

  private final ActivityService activity;

  ActivityController(ActivityService activity) {
    this.activity = activity;
  }

  @GetMapping("/api/activity")
  Page<ActivityView> list(
      @RequestParam(required = false) Long dossierId,
      @RequestParam(required = false) Long contactId,
      @RequestParam(required = false) ActivityType type,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @PageableDefault(
              sort = {"occurredAt", "id"},
              direction = Sort.Direction.DESC)
          Pageable pageable) {
    return activity.list(
        new ActivityFilter(dossierId, contactId, type, from, to),
        ApiPaging.check(pageable, Set.of("occurredAt", "id")));
  }
}
