package io.passerelle.engine;

import io.camunda.zeebe.util.VersionUtil;
import io.passerelle.config.StartupConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mode's data directory (PASSERELLE_DATA_DIR, default {@code ./data}): the engine's
 * log ({@code log/}), its state snapshots ({@code snapshots/}), its working state ({@code state/},
 * rebuilt from the latest snapshot at each start), the invitation-token secret and the engine
 * clock's offset.
 *
 * <p>Opening it checks, before anything is written, that it is Passerelle's and of a format this
 * version reads ({@value #MARKER}: the format and the engine version that wrote it), that it is
 * writable, and locks it ({@value #LOCK}) so that a second instance stops instead of writing into
 * the same log. Each failure stops the start with one line.
 */
public final class EngineDataDirectory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EngineDataDirectory.class);

  static final String MARKER = "passerelle-data.properties";
  static final String LOCK = "passerelle.lock";
  static final String FORMAT = "1";
  private static final String SECRET = "token-secret";
  private static final String CLOCK_OFFSET = "engine-clock-offset";
  private static final String VARIABLE = "PASSERELLE_DATA_DIR";

  private final Path root;
  private final boolean temporary;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private EngineDataDirectory(Path root, boolean temporary, FileChannel channel, FileLock lock) {
    this.root = root;
    this.temporary = temporary;
    this.lockChannel = channel;
    this.lock = lock;
  }

  /** A fresh directory of its own, deleted at close (tests). */
  public static EngineDataDirectory temporary() {
    try {
      return open(Files.createTempDirectory("passerelle-data-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary data directory", e);
    }
  }

  /** Checks, locks and (when new) marks {@code directory}. */
  public static EngineDataDirectory open(Path directory) {
    return open(directory, false);
  }

  private static EngineDataDirectory open(Path directory, boolean temporary) {
    Path root = directory.toAbsolutePath().normalize();
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw new StartupConfigurationException(
          "The data directory " + root + " is a file, not a directory",
          "set " + VARIABLE + " to a directory (it is created if missing)");
    }
    checkMarker(root);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw notWritable(root, e);
    }
    if (!Files.isWritable(root)) {
      throw notWritable(root, null);
    }
    FileChannel channel;
    FileLock lock;
    try {
      channel =
          FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw notWritable(root, e);
    }
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw notWritable(root, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StartupConfigurationException(
          "The data directory " + root + " is in use by another running Passerelle",
          "stop the other instance first, or set " + VARIABLE + " to another directory");
    }
    var opened = new EngineDataDirectory(root, temporary, channel, lock);
    try {
      opened.writeMarkerIfMissing();
    } catch (IOException e) {
      opened.close();
      throw notWritable(root, e);
    }
    return opened;
  }

  private static void checkMarker(Path root) {
    Path marker = root.resolve(MARKER);
    if (!Files.isDirectory(root)) {
      return;
    }
    if (!Files.exists(marker)) {
      if (holdsEngineFiles(root)) {
        throw new StartupConfigurationException(
            "The data directory " + root + " holds engine files but no " + MARKER,
            "point " + VARIABLE + " at a directory written by Passerelle, or an empty one");
      }
      return;
    }
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw new StartupConfigurationException(
          "The data directory's " + marker + " cannot be read (" + e.getMessage() + ")",
          "make it readable by this user, or point " + VARIABLE + " at another directory");
    }
    String format = properties.getProperty("format");
    String engine = properties.getProperty("engine", "");
    if (!FORMAT.equals(format) || !sameMinor(engine, engineVersion())) {
      throw new StartupConfigurationException(
          "The data directory "
              + root
              + " was written in format "
              + format
              + " by engine "
              + engine
              + "; this Passerelle reads format "
              + FORMAT
              + " of engine "
              + minorOf(engineVersion())
              + ".x",
          "start the Passerelle version that wrote it, or keep it aside and set "
              + VARIABLE
              + " to a new directory (scripts/reset deletes it)");
    }
  }

  private static boolean holdsEngineFiles(Path root) {
    return Files.exists(root.resolve("log"))
        || Files.exists(root.resolve("snapshots"))
        || Files.exists(root.resolve("state"));
  }

  private void writeMarkerIfMissing() throws IOException {
    Path marker = root.resolve(MARKER);
    if (Files.exists(marker)) {
      return;
    }
    writeAtomically(
        MARKER,
        ("# Passerelle's embedded engine data: do not edit\nformat="
                + FORMAT
                + "\nengine="
                + engineVersion()
                + "\n")
            .getBytes(StandardCharsets.UTF_8),
        false);
  }

  static String engineVersion() {
    String version = VersionUtil.getVersion();
    return version == null || version.isBlank() ? "8.8" : version;
  }

  private static boolean sameMinor(String a, String b) {
    return minorOf(a).equals(minorOf(b));
  }

  private static String minorOf(String version) {
    String[] parts = version.split("[.-]");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
  }

  private static StartupConfigurationException notWritable(Path root, IOException cause) {
    return new StartupConfigurationException(
        "The data directory "
            + root
            + " is not writable"
            + (cause == null ? "" : " (" + cause.getMessage() + ")"),
        "give this user write access to it, or set " + VARIABLE + " to a writable directory",
        cause);
  }

  public Path root() {
    return root;
  }

  public Path log() {
    return root.resolve("log");
  }

  public Path snapshots() {
    return root.resolve("snapshots");
  }

  public Path state() {
    return root.resolve("state");
  }

  public boolean isTemporary() {
    return temporary;
  }

  /**
   * The invitation-link secret kept in the directory (readable by its owner only), generated on
   * first use. Invitation links are signed with it, so they stay valid across restarts.
   */
  public synchronized byte[] secret() {
    Path file = root.resolve(SECRET);
    try {
      if (Files.exists(file)) {
        byte[] decoded = Base64.getDecoder().decode(Files.readString(file).strip());
        if (decoded.length >= 32) {
          return decoded;
        }
        LOG.warn(
            "{} is too short: a new secret replaces it (links already sent stop working)", file);
      }
      byte[] generated = new byte[48];
      new SecureRandom().nextBytes(generated);
      writeAtomically(SECRET, Base64.getEncoder().encode(generated), /* ownerOnly= */ true);
      LOG.info("Embedded mode: a new invitation-link secret was generated in {}", file);
      return generated;
    } catch (IOException | IllegalArgumentException e) {
      throw new StartupConfigurationException(
          "The invitation-link secret " + file + " cannot be read or written (" + e + ")",
          "fix its permissions, or set PASSERELLE_TOKEN_SECRET");
    }
  }

  /** The engine clock's offset kept by {@link #writeClockOffset}, or zero. */
  public long clockOffsetMillis() {
    Path file = root.resolve(CLOCK_OFFSET);
    try {
      return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
    } catch (IOException | NumberFormatException e) {
      LOG.warn("The engine clock's offset in {} was not read ({}): it starts at 0", file, e);
      return 0;
    }
  }

  /** Keeps the engine clock's offset; on disk before it returns. */
  public void writeClockOffset(long millis) {
    try {
      writeAtomically(CLOCK_OFFSET, Long.toString(millis).getBytes(StandardCharsets.UTF_8), false);
    } catch (IOException e) {
      throw new UncheckedIOException("The engine clock's offset could not be kept", e);
    }
  }

  /** Writes a file next to its final name, forces it, then renames it over. */
  void writeAtomically(String name, byte[] content, boolean ownerOnly) throws IOException {
    Path target = root.resolve(name);
    Path temp = root.resolve(name + ".tmp");
    Files.deleteIfExists(temp);
    if (ownerOnly) {
      try {
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(temp);
      }
    }
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      var buffer = java.nio.ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    forceDirectory(root);
  }

  static void forceDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      LOG.debug("Could not force the directory {}: {}", directory, e.toString());
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      LOG.debug("The data directory's lock was not released: {}", e.toString());
    }
    closeQuietly(lockChannel);
    if (temporary) {
      try {
        deleteRecursively(root);
      } catch (IOException e) {
        LOG.warn("The temporary data directory {} was not deleted: {}", root, e.toString());
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
