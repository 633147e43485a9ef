package io.passerelle.engine;

import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.ZeebeDbFactory;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's state snapshots in {@code data/snapshots}, as a broker keeps them: a RocksDB
 * checkpoint of the state ({@link ZeebeDb#createSnapshot}) taken into {@code
 * <processed-position>-<millis>.tmp}, completed with the projection's image and a {@value #META}
 * file, every file forced, then renamed atomically. A {@code .tmp} left by a crash is deleted at
 * open; the latest {@value #KEPT} are kept.
 *
 * <p>At start the working state is rebuilt from the latest snapshot that opens (the broker's {@code
 * StateControllerImpl#recover}: the working directory deleted, the snapshot opened read-only and
 * checkpointed into it); the stream processor then replays the log written after it.
 */
final class EngineSnapshots {

  private static final Logger LOG = LoggerFactory.getLogger(EngineSnapshots.class);

  static final String META = "snapshot.properties";
  static final String STATE = "state";
  static final String PROJECTION = "projection.bin";
  static final int KEPT = 2;
  private static final String TMP = ".tmp";

  /**
   * A complete snapshot.
   *
   * @param processedPosition the engine's processed position when it was taken (a lower bound: the
   *     state may hold a little more, which the stream processor reads from the state itself)
   * @param projectionPosition the last record the projection's image had applied (-1: none)
   */
  record Snapshot(Path path, long processedPosition, long projectionPosition, long takenAt) {

    /** The lowest position the log must keep for a recovery from this snapshot. */
    long logNeededFrom() {
      long projection = projectionPosition < 0 ? 1 : projectionPosition + 1;
      return Math.min(Math.max(processedPosition, 1), projection);
    }

    Optional<byte[]> projection() {
      Path file = path.resolve(PROJECTION);
      try {
        return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final Path directory;

  EngineSnapshots(Path directory) throws IOException {
    this.directory = directory;
    Files.createDirectories(directory);
    try (Stream<Path> listing = Files.list(directory)) {
      for (Path partial : listing.filter(p -> p.getFileName().toString().endsWith(TMP)).toList()) {
        LOG.info("Deleting a snapshot a crash left unfinished: {}", partial.getFileName());
        EngineDataDirectory.deleteRecursively(partial);
      }
    }
  }

  /** The complete snapshots, newest first. */
  List<Snapshot> list() {
    List<Snapshot> found = new ArrayList<>();
    try (Stream<Path> listing = Files.list(directory)) {
      for (Path path : listing.toList()) {
        readSnapshot(path).ifPresent(found::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(
        Comparator.comparingLong(Snapshot::processedPosition)
            .thenComparingLong(Snapshot::takenAt)
            .reversed());
    return found;
  }

  private static Optional<Snapshot> readSnapshot(Path path) {
    Path meta = path.resolve(META);
    if (path.getFileName().toString().endsWith(TMP) || !Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      properties.load(in);
      return Optional.of(
          new Snapshot(
              path,
              Long.parseLong(properties.getProperty("processedPosition")),
              Long.parseLong(properties.getProperty("projectionPosition", "-1")),
              Long.parseLong(properties.getProperty("takenAt", "0"))));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Ignoring the snapshot {}: its {} cannot be read ({})", path, META, e.toString());
      return Optional.empty();
    }
  }

  /**
   * Rebuilds the working state in {@code state} from the latest snapshot that opens (none: an empty
   * state, to be rebuilt from the log's first record).
   */
  Optional<Snapshot> recover(ZeebeDbFactory<ZbColumnFamilies> factory, Path state, long logFirst)
      throws IOException {
    for (Snapshot snapshot : list()) {
      EngineDataDirectory.deleteRecursively(state);
      if (logFirst > 0 && logFirst > Math.max(snapshot.processedPosition(), 1)) {
        LOG.warn(
            "Skipping the snapshot {}: the log starts at position {}, after it",
            snapshot.path().getFileName(),
            logFirst);
        continue;
      }
      try (var db = factory.openSnapshotOnlyDb(snapshot.path().resolve(STATE).toFile())) {
        db.createSnapshot(state.toFile());
        return Optional.of(snapshot);
      } catch (Exception e) {
        LOG.warn(
            "The snapshot {} could not be opened ({}); trying an older one",
            snapshot.path().getFileName(),
            e.toString());
      }
    }
    EngineDataDirectory.deleteRecursively(state);
    return Optional.empty();
  }

  /**
   * Takes a snapshot of {@code db}.
   *
   * @param processedPosition the engine's processed position read just before
   * @param projection the projection's image, with its position
   * @param logDurable makes everything appended so far durable: the state may reflect records
   *     appended after {@code processedPosition} (the follow-ups of what it processed), which must
   *     survive with it
   */
  Snapshot take(
      ZeebeDb<ZbColumnFamilies> db,
      long processedPosition,
      EngineRecordProjection.Image projection,
      Runnable logDurable)
      throws IOException {
    long takenAt = System.currentTimeMillis();
    String name = processedPosition + "-" + takenAt;
    Path partial = directory.resolve(name + TMP);
    Files.createDirectories(partial);
    db.createSnapshot(partial.resolve(STATE).toFile());
    logDurable.run();
    Files.write(partial.resolve(PROJECTION), projection.content());
    Properties properties = new Properties();
    properties.setProperty("processedPosition", Long.toString(processedPosition));
    properties.setProperty("projectionPosition", Long.toString(projection.position()));
    properties.setProperty("takenAt", Long.toString(takenAt));
    properties.setProperty("engine", EngineDataDirectory.engineVersion());
    try (var out = Files.newBufferedWriter(partial.resolve(META), StandardCharsets.UTF_8)) {
      properties.store(out, "Passerelle engine snapshot");
    }
    forceTree(partial);
    Path complete = directory.resolve(name);
    try {
      Files.move(partial, complete, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, complete);
    }
    EngineDataDirectory.forceDirectory(directory);
    prune();
    return new Snapshot(complete, processedPosition, projection.position(), takenAt);
  }

  /** Deletes all but the latest {@value #KEPT} snapshots. */
  private void prune() throws IOException {
    List<Snapshot> all = list();
    for (Snapshot old : all.subList(Math.min(KEPT, all.size()), all.size())) {
      EngineDataDirectory.deleteRecursively(old.path());
    }
  }

  /** The lowest position any kept snapshot needs from the log (-1: no snapshot). */
  long logNeededFrom() {
    return list().stream().mapToLong(Snapshot::logNeededFrom).min().orElse(-1);
  }

  private static void forceTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file)) {
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
          }
        } else {
          EngineDataDirectory.forceDirectory(file);
        }
      }
    }
  }
}
