package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.passerelle.faults.FaultOptions;
import io.passerelle.faults.FaultSuite;
import io.passerelle.faults.Launcher;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's short form (issue 18, item 7; the long form is scripts/faults): the real
 * application in a process of its own, its mail to the suite's SMTP server, two runs each ending in
 * a kill -9 at a moment drawn from a fixed seed, with the SMTP server answering 421 for 10 minutes
 * of engine time and a job delivered twice; PostgreSQL is never restarted here. About two and a
 * half minutes.
 */
class FaultSuiteShortFormTest {

  @Test
  @DisplayName(
      "two kill -9 under load, an SMTP outage and a job delivered twice: nothing lost, nothing"
          + " stuck, no incident, nothing half-written")
  void shortForm() throws Exception {
    String database =
        System.getenv().getOrDefault("PASSERELLE_TEST_DATABASE", "passerelle_test") + "_faults";
    var options =
        FaultOptions.parse(
            "--seed=18",
            "--crashes=2",
            "--bulk=30",
            "--rate=1",
            "--activations=0.3",
            "--smtp-outage=PT10M",
            "--restart-postgres=false",
            "--job-twice=true",
            "--moments=DURING_BULK,REMINDER_BURST",
            "--database=" + database,
            "--output=target/faults",
            "--patience=PT90S");
    // the application's classes and libraries, not the tests'
    String classPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
    var result =
        FaultSuite.run(
            options,
            Launcher.classPath(
                classPath, List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")),
            System.out);

    assertThat(result.number("crashes")).as(result.table()).isEqualTo(2);
    assertThat(result.number("onboardings")).as(result.table()).isGreaterThan(60);
    assertThat(result.number("lost")).as(result.table()).isZero();
    assertThat(result.number("stuck")).as(result.table()).isZero();
    assertThat(result.number("incidents")).as(result.table()).isZero();
    assertThat(result.number("halfWritten")).as(result.table()).isZero();
    assertThat(result.number("remindersDue")).as(result.table()).isPositive();
    assertThat(result.number("remindersLost")).as(result.table()).isZero();
    // a second start of an onboarding no longer issues a second invitation
    // (OnboardingInstanceClaim)
    assertThat(result.number("twoInvitations")).as(result.table()).isZero();
    // copies are counted, not failed on: a kill between the SMTP server's acceptance and the
    // commit of SENT sends the mail again with the same Message-ID (MailOutbox)
    assertThat(result.number("smtpConnectionsRefused421")).as(result.table()).isPositive();
  }
}
