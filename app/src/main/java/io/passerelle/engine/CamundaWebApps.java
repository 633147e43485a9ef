package io.passerelle.engine;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the cluster's Operate and Tasklist show an instance and a task, for the links on
 * Passerelle's instance and task pages (remote mode: operators and staff reach the same instance or
 * task in Camunda's own applications). Each is a URL template with {@code {key}} for the process
 * instance key or the user task key; blank (embedded mode has neither application) shows no link.
 *
 * @param operateInstanceUrl e.g. {@code http://localhost:8088/operate/processes/{key}}
 *     (PASSERELLE_CAMUNDA_OPERATE_INSTANCE_URL)
 * @param tasklistTaskUrl e.g. {@code http://localhost:8088/tasklist/{key}}
 *     (PASSERELLE_CAMUNDA_TASKLIST_TASK_URL)
 */
@ConfigurationProperties("passerelle.camunda")
public record CamundaWebApps(String operateInstanceUrl, String tasklistTaskUrl) {

  public CamundaWebApps {
    operateInstanceUrl = checked(operateInstanceUrl, "operate-instance-url");
    tasklistTaskUrl = checked(tasklistTaskUrl, "tasklist-task-url");
  }

  /** The instance in Operate, or null when Operate is not configured. */
  public String operate(long processInstanceKey) {
    return fill(operateInstanceUrl, processInstanceKey);
  }

  /** The task in Tasklist, or null when Tasklist is not configured. */
  public String tasklist(long userTaskKey) {
    return fill(tasklistTaskUrl, userTaskKey);
  }

  private static String fill(String template, long key) {
    return template == null ? null : template.replace("{key}", Long.toString(key));
  }

  private static String checked(String template, String name) {
    if (template == null || template.isBlank()) {
      return null;
    }
    String url = template.strip();
    if (!url.contains("{key}")) {
      throw new IllegalArgumentException(
          "passerelle.camunda." + name + " must contain {key}, where the key goes: " + url);
    }
    URI parsed = URI.create(url.replace("{key}", "1"));
    if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme())) {
      throw new IllegalArgumentException(
          "passerelle.camunda." + name + " must be an http(s) URL: " + url);
    }
    return url;
  }
}
