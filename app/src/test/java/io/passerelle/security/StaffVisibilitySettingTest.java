package io.passerelle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.passerelle.staff.Scope;
import io.passerelle.staff.StaffRole;
import io.passerelle.staff.StaffScope;
import io.passerelle.staff.StaffView;
import io.passerelle.staff.StaffVisibility;
import io.passerelle.staff.VisibilityProperties;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The firm's setting, as an operator writes it, and what it makes of each role. */
class StaffVisibilitySettingTest {

  private static final StaffView STAFF = member(StaffRole.STAFF);
  private static final StaffView MANAGER = member(StaffRole.MANAGER);
  private static final StaffView ADMIN = member(StaffRole.ADMIN);

  @Test
  @DisplayName("default ASSIGNED: STAFF their assignments, managers theirs too, the admin all")
  void assignedByDefault() {
    StaffScope scopes = new StaffScope(bind(Map.of()));
    assertThat(scopes.setting()).isEqualTo(StaffVisibility.ASSIGNED);
    assertThat(scopes.of(STAFF)).isEqualTo(Scope.assigned(7));
    assertThat(scopes.of(MANAGER)).isEqualTo(Scope.managing(7));
    assertThat(scopes.of(ADMIN).isEverything()).isTrue();
    assertThat(scopes.of(STAFF).dossierSql("d.id"))
        .isEqualTo(
            "exists (select 1 from dossier_staff vis_ds where vis_ds.dossier_id = d.id and"
                + " vis_ds.staff_id = 7)");
    // a manager is among the assigned staff of every dossier they manage: the same EXISTS
    assertThat(scopes.of(MANAGER).dossierSql("d.id"))
        .isEqualTo(scopes.of(STAFF).dossierSql("d.id"));
    assertThat(scopes.of(STAFF).seesUnlinked()).isFalse();
    assertThat(scopes.of(MANAGER).seesUnlinked()).isTrue();
    // nobody signed in (a process step): nothing narrowed
    assertThat(scopes.current().isEverything()).isTrue();
  }

  @Test
  @DisplayName("PASSERELLE_SECURITY_STAFF_VISIBILITY=ALL: everyone reads everything")
  void allFromTheEnvironment() {
    var environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(
            new SystemEnvironmentPropertySource(
                "env", Map.of("PASSERELLE_SECURITY_STAFF_VISIBILITY", "ALL")));
    VisibilityProperties properties =
        new Binder(ConfigurationPropertySources.get(environment))
            .bindOrCreate("passerelle.security", VisibilityProperties.class);
    StaffScope scopes = new StaffScope(properties);
    assertThat(scopes.of(STAFF).isEverything()).isTrue();
    assertThat(scopes.of(MANAGER).isEverything()).isTrue();
    assertThat(scopes.of(STAFF).dossierSql("d.id")).isEqualTo("true");
  }

  @Test
  @DisplayName("a value that is neither ASSIGNED nor ALL stops the start, naming the setting")
  void badValueRefused() {
    assertThatThrownBy(() -> bind(Map.of("passerelle.security.staff-visibility", "EVERYONE")))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("passerelle.security.staff-visibility");
  }

  private static VisibilityProperties bind(Map<String, String> values) {
    var environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new org.springframework.core.env.MapPropertySource("test", Map.copyOf(values)));
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("passerelle.security", VisibilityProperties.class);
  }

  private static StaffView member(StaffRole role) {
    return new StaffView(7, "m", "m@cabinet.example", "M", "M", role, true);
  }
}
