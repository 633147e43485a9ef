package io.passerelle.engine;

import org.springframework.stereotype.Component;

/**
 * The links of the instance and task pages to Operate and Tasklist, for the templates ({@code
 * @camundaLinks}); null when the application is not configured ({@link CamundaWebApps}).
 */
@Component("camundaLinks")
public class CamundaLinks {

  private final CamundaWebApps apps;

  CamundaLinks(CamundaWebApps apps) {
    this.apps = apps;
  }

  public String operate(long processInstanceKey) {
    return apps.operate(processInstanceKey);
  }

  public String tasklist(long userTaskKey) {
    return apps.tasklist(userTaskKey);
  }
}
