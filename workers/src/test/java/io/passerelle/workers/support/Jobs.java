package io.passerelle.workers.support;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;

/** Activated jobs as the engine hands them to a worker: a key, an element instance, retries. */
public final class Jobs {

  private Jobs() {}

  public static ActivatedJob job(long elementInstanceKey, int retries) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(elementInstanceKey + 1);
    when(job.getElementInstanceKey()).thenReturn(elementInstanceKey);
    when(job.getProcessInstanceKey()).thenReturn(7001L);
    when(job.getRetries()).thenReturn(retries);
    return job;
  }

  /** A job on its first delivery, with the 5 retries every service task has in the models. */
  public static ActivatedJob job() {
    return job(9001, 5);
  }
}
