package io.passerelle.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultOptionsTest {

  @Test
  void theDefaultsAreTheIssuesLongForm() {
    var options = FaultOptions.parse("--seed=7");
    assertThat(options.seed()).isEqualTo(7);
    assertThat(options.crashes()).isEqualTo(30);
    assertThat(options.bulk()).isEqualTo(500);
    assertThat(options.smtpOutage()).isEqualTo(Duration.ofMinutes(10));
    assertThat(options.restartPostgres()).isTrue();
    assertThat(options.commandLine()).startsWith("scripts/faults --seed=7 --crashes=30");
  }

  @Test
  void theSameSeedGivesTheSameScheduleWithEachKindOfMomentAndEachFaultOnce() {
    var options = FaultOptions.parse("--seed=42", "--crashes=8");
    var plan = FaultSuite.schedule(options, true);
    assertThat(plan).isEqualTo(FaultSuite.schedule(options, true)).hasSize(8);
    assertThat(plan.subList(0, 4).stream().map(FaultSuite.Planned::moment))
        .containsExactlyInAnyOrder(FaultSuite.Moment.values());
    assertThat(plan.stream().filter(FaultSuite.Planned::outage)).hasSize(1);
    assertThat(plan.stream().filter(FaultSuite.Planned::postgres)).hasSize(1);
    assertThat(plan.stream().filter(FaultSuite.Planned::twice)).hasSize(1);
    assertThat(FaultSuite.schedule(options, false).stream().filter(FaultSuite.Planned::postgres))
        .isEmpty();
  }

  @Test
  void givenMomentsAreCycled() {
    var plan =
        FaultSuite.schedule(
            FaultOptions.parse("--seed=1", "--crashes=3", "--moments=STEADY,BULK_START"), false);
    assertThat(plan.stream().map(FaultSuite.Planned::moment))
        .containsExactly(
            FaultSuite.Moment.STEADY, FaultSuite.Moment.BULK_START, FaultSuite.Moment.STEADY);
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThatThrownBy(() -> FaultOptions.parse("--crashs=3"))
        .hasMessageContaining("unknown options: [crashs]");
    assertThatThrownBy(() -> FaultOptions.parse("--moments=LATER"))
        .hasMessageContaining("--moments takes");
    assertThatThrownBy(() -> FaultOptions.parse("--activations=2")).hasMessageContaining("share");
  }
}
