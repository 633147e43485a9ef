package io.passerelle.engine;

import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the embedded engine keeps on disk, and how (beside {@link EngineProperties}, same prefix).
 *
 * @param dataDir the embedded engine's data directory (PASSERELLE_DATA_DIR, default {@code ./data}
 *     relative to the working directory): its log, state snapshots, the invitation-link secret and
 *     the engine clock's offset
 * @param temporaryDataDir a fresh temporary data directory, deleted at stop, instead of {@code
 *     dataDir} (the tests: each application context gets its own)
 * @param groupCommit force the log once for every block appended since the last force (false: once
 *     per block, only to compare)
 * @param snapshotInterval the longest time between two snapshots of the engine's state while it
 *     works
 * @param snapshotRecords a snapshot as soon as the engine has processed this many log positions
 *     since the last one: bounds what a restart replays
 * @param backlogLimit while the log holds more positions than this that the engine has not read
 *     yet, its gateway refuses new work (starts, messages, signals, deployments) with
 *     RESOURCE_EXHAUSTED and the callers retry; jobs, incidents and cancellations pass ({@link
 *     GatewayBackPressure})
 */
@Validated
@ConfigurationProperties("passerelle.engine")
public record EngineDataProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue("false") boolean temporaryDataDir,
    @DefaultValue("true") boolean groupCommit,
    @DefaultValue("1m") Duration snapshotInterval,
    @DefaultValue("50000") @Positive long snapshotRecords,
    @DefaultValue("20000") @Positive long backlogLimit) {}
