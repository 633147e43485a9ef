package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CamundaWebAppsTest {

  @Test
  @DisplayName("the key goes where {key} is; blank means no link")
  void links() {
    var apps =
        new CamundaWebApps(
            "https://operate.cabinet.fr/operate/processes/{key}",
            " http://localhost:8088/tasklist/{key} ");
    assertThat(apps.operate(2251799813685249L))
        .isEqualTo("https://operate.cabinet.fr/operate/processes/2251799813685249");
    assertThat(apps.tasklist(42)).isEqualTo("http://localhost:8088/tasklist/42");

    var none = new CamundaWebApps(" ", null);
    assertThat(none.operate(1)).isNull();
    assertThat(none.tasklist(1)).isNull();
  }

  @Test
  @DisplayName("a template without {key}, or not http(s), is refused with the setting's name")
  void badTemplates() {
    assertThatThrownBy(() -> new CamundaWebApps("http://localhost:8088/operate", null))
        .hasMessageContaining("operate-instance-url")
        .hasMessageContaining("{key}");
    assertThatThrownBy(() -> new CamundaWebApps(null, "javascript:alert({key})"))
        .hasMessageContaining("tasklist-task-url")
        .hasMessageContaining("http(s)");
  }
}
