package io.passerelle.activity.web;

import io.passerelle.activity.ActivityFilter;
import io.passerelle.activity.ActivityService;
import io.passerelle.activity.ActivityType;
import io.passerelle.activity.ActivityView;
import io.passerelle.web.pages.Labels;
import io.passerelle.web.pages.NameLookup;
import io.passerelle.web.pages.PageLinks;
import io.passerelle.web.pages.StaffPage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The activity feed (seed 002), filterable by dossier, contact, type and period. */
@StaffPage
public class ActivityPageController {

  private final ActivityService activity;
  private final NameLookup names;

  ActivityPageController(ActivityService activity, NameLookup names) {
    this.activity = activity;
    this.names = names;
  }

  /** An entry with the names of what it mentions. */
  record Line(ActivityView entry, String actor, String dossier, String contact) {}

  @GetMapping("/activite")
  String feed(
      @RequestParam(name = "dossier", required = false) Long dossierId,
      @RequestParam(name = "interlocuteur", required = false) Long contactId,
      @RequestParam(name = "type", required = false) ActivityType type,
      @RequestParam(name = "du", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate from,
      @RequestParam(name = "au", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate to,
      @RequestParam(required = false) Integer page,
      Model model) {
    Instant fromInstant = from == null ? null : from.atStartOfDay(Labels.PARIS).toInstant();
    Instant toInstant =
        to == null ? null : to.plusDays(1).atStartOfDay(Labels.PARIS).toInstant(); // inclusive
    Page<ActivityView> entries =
        activity.list(
            new ActivityFilter(dossierId, contactId, type, fromInstant, toInstant),
            PageLinks.page(page, Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id"))));
    model.addAttribute("entries", entries);
    model.addAttribute("lines", lines(entries.getContent()));
    model.addAttribute("dossierId", dossierId);
    model.addAttribute("contactId", contactId);
    model.addAttribute(
        "dossierName",
        dossierId == null ? null : names.dossiers(List.of(dossierId)).get(dossierId));
    model.addAttribute(
        "contactName",
        contactId == null ? null : names.contacts(List.of(contactId)).get(contactId));
    model.addAttribute("type", type);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("types", ActivityType.values());
    model.addAttribute(
        "base",
        PageLinks.base(
            "/activite",
            PageLinks.filters(
                "dossier", dossierId,
                "interlocuteur", contactId,
                "type", type,
                "du", from,
                "au", to)));
    return "pages/activite";
  }

  public List<Line> lines(List<ActivityView> entries) {
    Map<Long, String> dossiers =
        names.dossiers(entries.stream().map(ActivityView::dossierId).toList());
    Map<Long, String> contacts =
        names.contacts(entries.stream().map(ActivityView::contactId).toList());
    Map<Long, String> staff = names.staff(entries.stream().map(e -> e.actor().staffId()).toList());
    Map<Long, String> clients =
        names.accounts(entries.stream().map(e -> e.actor().accountId()).toList());
    return entries.stream()
        .map(
            e ->
                new Line(
                    e,
                    switch (e.actor().kind()) {
                      case "STAFF" -> staff.getOrDefault(e.actor().staffId(), "Collaborateur");
                      case "CLIENT" ->
                          clients.getOrDefault(e.actor().accountId(), "Client") + " (client)";
                      default -> "Passerelle";
                    },
                    e.dossierId() == null
                        ? null
                        : dossiers.getOrDefault(e.dossierId(), "(supprimé)"),
                    e.contactId() == null
                        ? null
                        : contacts.getOrDefault(e.contactId(), "(supprimé)")))
        .toList();
  }
}
