package io.passerelle.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.passerelle.config.StartupConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineDataDirectoryTest {

  @TempDir Path temp;

  @Test
  @DisplayName("a new directory is created, marked with its format and engine version, and locked")
  void createdMarkedLocked() throws IOException {
    Path root = temp.resolve("data");
    try (var data = EngineDataDirectory.open(root)) {
      assertThat(Files.readString(root.resolve(EngineDataDirectory.MARKER)))
          .contains("format=" + EngineDataDirectory.FORMAT)
          .contains("engine=8.8");
      assertThatThrownBy(() -> EngineDataDirectory.open(root))
          .isInstanceOf(StartupConfigurationException.class)
          .hasMessageContaining("in use by another running Passerelle")
          .hasMessageContaining("PASSERELLE_DATA_DIR");
    }
    // released at close: the next start may open it
    EngineDataDirectory.open(root).close();
  }

  @Test
  @DisplayName("a directory written by another engine version is refused and left untouched")
  void incompatible() throws IOException {
    Path root = temp.resolve("data");
    Files.createDirectories(root.resolve("log"));
    Files.writeString(root.resolve(EngineDataDirectory.MARKER), "format=1\nengine=8.9.0\n");

    assertThatThrownBy(() -> EngineDataDirectory.open(root))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("by engine 8.9.0")
        .hasMessageContaining("start the Passerelle version that wrote it");
    assertThat(root.resolve(EngineDataDirectory.LOCK)).doesNotExist();
    assertThat(Files.readString(root.resolve(EngineDataDirectory.MARKER))).contains("8.9.0");
  }

  @Test
  @DisplayName("engine files without a marker are not taken for Passerelle's")
  void notOurs() throws IOException {
    Path root = temp.resolve("data");
    Files.createDirectories(root.resolve("snapshots"));
    assertThatThrownBy(() -> EngineDataDirectory.open(root))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("no " + EngineDataDirectory.MARKER);
  }

  @Test
  @DisplayName("a path that cannot be a writable directory stops the start with one line")
  void notWritable() throws IOException {
    Path file = Files.writeString(temp.resolve("a-file"), "x");
    assertThatThrownBy(() -> EngineDataDirectory.open(file))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("is a file, not a directory");
    assertThatThrownBy(() -> EngineDataDirectory.open(file.resolve("data")))
        .isInstanceOf(StartupConfigurationException.class)
        .hasMessageContaining("is not writable");
  }

  @Test
  @DisplayName("the invitation-link secret is generated once, kept readable by its owner only")
  void secret() throws IOException {
    Path root = temp.resolve("data");
    byte[] first;
    try (var data = EngineDataDirectory.open(root)) {
      first = data.secret();
      assertThat(first).hasSizeGreaterThanOrEqualTo(32);
      assertThat(data.secret()).isEqualTo(first);
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve("token-secret"))))
        .isEqualTo("rw-------");
    try (var data = EngineDataDirectory.open(root)) {
      assertThat(data.secret()).isEqualTo(first);
    }
  }

  @Test
  @DisplayName("the engine clock's offset is kept across a reopen")
  void clockOffset() {
    Path root = temp.resolve("data");
    try (var data = EngineDataDirectory.open(root)) {
      assertThat(data.clockOffsetMillis()).isZero();
      data.writeClockOffset(7 * 24 * 3600_000L);
    }
    try (var data = EngineDataDirectory.open(root)) {
      assertThat(data.clockOffsetMillis()).isEqualTo(7 * 24 * 3600_000L);
    }
  }
}
