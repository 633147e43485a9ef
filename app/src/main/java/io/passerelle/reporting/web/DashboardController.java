package io.passerelle.reporting.web;

import io.passerelle.reporting.DashboardQuery;
import io.passerelle.web.pages.Labels;
import io.passerelle.web.pages.StaffPage;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard: the funnel proposed → invited → activated, the median time to activate, the
 * reminders sent, the activations stuck for more than N days, and activations per week — drawn as
 * SVG on the server.
 */
@StaffPage
class DashboardController {

  private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("dd/MM", Locale.FRANCE);

  private final DashboardQuery query;
  private final Labels labels;

  DashboardController(DashboardQuery query, Labels labels) {
    this.query = query;
    this.labels = labels;
  }

  @GetMapping("/tableau-de-bord")
  String dashboard(
      @RequestParam(name = "periode", defaultValue = "90") int periodDays,
      @RequestParam(name = "bloquees", defaultValue = "14") int stuckDays,
      Model model) {
    int period = Math.clamp(periodDays, 1, 3650);
    int stuck = Math.clamp(stuckDays, 1, 365);
    var figures = query.figures(period, stuck);
    var funnel = figures.funnel();
    model.addAttribute("figures", figures);
    model.addAttribute("period", period);
    model.addAttribute("stuckDays", stuck);
    model.addAttribute("median", labels.duration(figures.medianTimeToActivate()));
    model.addAttribute(
        "funnelChart",
        BarChart.horizontal(
            "Entonnoir",
            List.of("Proposés", "Invités", "Activés"),
            List.of(funnel.proposed(), funnel.invited(), funnel.activated())));
    model.addAttribute(
        "remindersChart",
        BarChart.horizontal(
            "Relances",
            List.of("1re relance", "2e relance"),
            List.of(figures.reminders().firstReminders(), figures.reminders().secondReminders())));
    model.addAttribute(
        "weeksChart",
        BarChart.columns(
            "Activations par semaine",
            figures.weeks().stream().map(w -> WEEK.format(w.start())).toList(),
            figures.weeks().stream().map(DashboardQuery.Week::activations).toList()));
    return "pages/tableau-de-bord";
  }
}
