package io.passerelle.processes.cpt;

import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, as Testcontainers (which Camunda Process Test uses to run
 * Camunda) finds one: {@code DOCKER_HOST}, {@code ~/.testcontainers.properties}, the usual sockets.
 * A docker CLI without an engine does not count. Asked once per JVM.
 */
public final class DockerEngine {

  private static final boolean AVAILABLE = probe();

  private DockerEngine() {}

  /** For {@code @EnabledIf("io.passerelle.processes.cpt.DockerEngine#available")}. */
  public static boolean available() {
    return AVAILABLE;
  }

  private static boolean probe() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
