package io.passerelle.engine;

import io.camunda.zeebe.protocol.impl.record.value.deployment.DecisionRecord;
import io.camunda.zeebe.protocol.impl.record.value.deployment.DecisionRequirementsMetadataRecord;
import io.camunda.zeebe.protocol.impl.record.value.deployment.DeploymentRecord;
import io.camunda.zeebe.protocol.impl.record.value.deployment.FormMetadataRecord;
import io.camunda.zeebe.protocol.impl.record.value.deployment.ProcessMetadata;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the embedded engine's state holds as deployed, read by the projection from the log's
 * DEPLOYMENT CREATED records (one per deployment, listing every process, decision, decision
 * requirements graph and form of it, new versions and unchanged ones alike): the latest version of
 * each definition with the resource it came from and that resource's checksum (the MD5 the engine
 * itself compares to decide that a resource is unchanged). Kept in the projection's image, so in
 * the same snapshot as the engine's state.
 *
 * <p>At start-up the application compares its bundled models with it ({@link #holdsUnchanged}):
 * when the engine already has every one of them as its latest version, deploying them again would
 * change nothing, so it is skipped and the application is ready at once, instead of waiting for a
 * deployment queued behind the backlog a crash left. Not thread-safe: the projection guards it.
 */
final class EngineDeployments {

  /** What kind of definition. */
  enum Kind {
    PROCESS,
    DECISION,
    DECISION_REQUIREMENTS,
    FORM
  }

  /**
   * The latest version of one definition.
   *
   * @param name the decision's name (decisions); the resource name otherwise
   * @param resourceName the file it was deployed from
   * @param checksum that file's MD5, in hex
   */
  record Definition(
      Kind kind,
      String id,
      int version,
      long key,
      String name,
      String resourceName,
      String checksum) {}

  private final Map<String, Definition> latest = new LinkedHashMap<>();

  /** Takes in a DEPLOYMENT CREATED record: its definitions become the latest. */
  void apply(DeploymentRecord deployment) {
    Map<Long, DecisionRequirementsMetadataRecord> graphs = new HashMap<>();
    for (DecisionRequirementsMetadataRecord graph : deployment.decisionRequirementsMetadata()) {
      graphs.put(graph.getDecisionRequirementsKey(), graph);
      put(
          new Definition(
              Kind.DECISION_REQUIREMENTS,
              graph.getDecisionRequirementsId(),
              graph.getDecisionRequirementsVersion(),
              graph.getDecisionRequirementsKey(),
              graph.getResourceName(),
              graph.getResourceName(),
              hex(graph.getChecksum())));
    }
    for (ProcessMetadata process : deployment.processesMetadata()) {
      put(
          new Definition(
              Kind.PROCESS,
              process.getBpmnProcessId(),
              process.getVersion(),
              process.getProcessDefinitionKey(),
              process.getResourceName(),
              process.getResourceName(),
              hex(process.getChecksum())));
    }
    for (DecisionRecord decision : deployment.decisionsMetadata()) {
      var graph = graphs.get(decision.getDecisionRequirementsKey());
      put(
          new Definition(
              Kind.DECISION,
              decision.getDecisionId(),
              decision.getVersion(),
              decision.getDecisionKey(),
              decision.getDecisionName(),
              graph == null ? null : graph.getResourceName(),
              graph == null ? null : hex(graph.getChecksum())));
    }
    for (FormMetadataRecord form : deployment.formMetadata()) {
      put(
          new Definition(
              Kind.FORM,
              form.getFormId(),
              form.getVersion(),
              form.getFormKey(),
              form.getResourceName(),
              form.getResourceName(),
              hex(form.getChecksum())));
    }
  }

  private void put(Definition definition) {
    String key = definition.kind() + ":" + definition.id();
    Definition known = latest.get(key);
    if (known == null || known.version() <= definition.version()) {
      latest.put(key, definition);
    }
  }

  /** The latest version of every definition the engine holds. */
  List<Definition> latest() {
    return List.copyOf(latest.values());
  }

  /**
   * Whether the engine holds every one of these resources, unchanged, as the latest version of what
   * it defines: for each, at least one latest definition came from a resource of that name, and
   * every latest definition that did carries its checksum. Anything else (a changed model, a new
   * one, a definition whose latest version came from elsewhere, a projection that never saw the
   * deployment) is "no": the models are deployed.
   *
   * @param bundled resource name → content
   */
  boolean holdsUnchanged(Map<String, byte[]> bundled) {
    if (bundled.isEmpty()) {
      return false;
    }
    for (var resource : bundled.entrySet()) {
      String checksum = md5(resource.getValue());
      List<Definition> fromIt =
          latest.values().stream()
              .filter(d -> d.kind() != Kind.DECISION)
              .filter(d -> resource.getKey().equals(d.resourceName()))
              .toList();
      if (fromIt.isEmpty() || !fromIt.stream().allMatch(d -> checksum.equals(d.checksum()))) {
        return false;
      }
    }
    return true;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(latest.size());
    for (Definition d : latest.values()) {
      out.writeByte(d.kind().ordinal());
      ProjectionImage.writeString(out, d.id());
      out.writeInt(d.version());
      out.writeLong(d.key());
      ProjectionImage.writeString(out, d.name());
      ProjectionImage.writeString(out, d.resourceName());
      ProjectionImage.writeString(out, d.checksum());
    }
  }

  static EngineDeployments read(DataInputStream in) throws IOException {
    var deployments = new EngineDeployments();
    List<Definition> definitions = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      definitions.add(
          new Definition(
              Kind.values()[in.readByte()],
              ProjectionImage.readString(in),
              in.readInt(),
              in.readLong(),
              ProjectionImage.readString(in),
              ProjectionImage.readString(in),
              ProjectionImage.readString(in)));
    }
    definitions.forEach(deployments::put);
    return deployments;
  }

  void replaceBy(EngineDeployments other) {
    latest.clear();
    latest.putAll(other.latest);
  }

  /** The checksum the engine computes for a deployed resource. */
  static String md5(byte[] content) {
    try {
      return hex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return bytes == null ? null : HexFormat.of().formatHex(bytes);
  }
}
