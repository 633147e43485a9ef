package io.passerelle.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.passerelle.domain.Actor;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class FirstAdministratorTest {

  StaffService staff = mock(StaffService.class);

  FirstAdministrator bootstrap(boolean development, AdminProperties properties) {
    when(staff.findByUsername(any())).thenReturn(Optional.empty());
    return new FirstAdministrator(
        staff,
        properties,
        new MockEnvironment()
            .withProperty("passerelle.development.enabled", String.valueOf(development)));
  }

  @Test
  @DisplayName(
      "embedded mode without configuration creates the documented development administrator")
  void developmentDefaults() {
    bootstrap(true, new AdminProperties(null, null, null)).create();
    var created = ArgumentCaptor.forClass(NewStaffMember.class);
    verify(staff).create(created.capture(), any(Actor.class));
    assertThat(created.getValue().username()).isEqualTo("admin");
    assertThat(created.getValue().password()).isEqualTo("passerelle-admin");
    assertThat(created.getValue().role()).isEqualTo(StaffRole.ADMIN);
  }

  @Test
  @DisplayName(
      "without the development setting and configuration: nobody, and a line saying which variables"
          + " to set")
  void remoteWithoutConfiguration(CapturedOutput output) {
    bootstrap(false, new AdminProperties(null, null, null)).create();
    verify(staff, never()).create(any(), any());
    assertThat(output).contains("No administrator created").contains("PASSERELLE_ADMIN_USERNAME");
  }

  @Test
  @DisplayName("without the development setting, with configuration: that administrator")
  void remoteConfigured() {
    bootstrap(false, new AdminProperties("office", "a long admin password", "office@cabinet.fr"))
        .create();
    var created = ArgumentCaptor.forClass(NewStaffMember.class);
    verify(staff).create(created.capture(), any(Actor.class));
    assertThat(created.getValue().username()).isEqualTo("office");
  }
}
