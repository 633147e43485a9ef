package io.passerelle.portal;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Work done after the answer: the "new link" and "password reset" requests look the address up and
 * send mail here, so the page a person gets takes the same time whether or not the address belongs
 * to anyone. Two threads and a bounded queue: past 1,000 waiting requests new ones are dropped
 * (logged), the rate limits keeping that far away.
 */
@Component
class BackgroundWork implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

  private final AtomicInteger pending = new AtomicInteger();
  private final ThreadPoolExecutor executor;

  BackgroundWork() {
    var names = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            2,
            2,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1_000),
            task -> {
              var thread = new Thread(task, "portal-work-" + names.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            (task, pool) -> {
              pending.decrementAndGet();
              LOG.warn("Portal background queue full: a request was dropped");
            });
  }

  void submit(String what, Runnable task) {
    pending.incrementAndGet();
    executor.execute(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            // the trace at debug only: its messages may name the address a person typed
            LOG.error(
                "Portal background work failed ({}): {}",
                what,
                io.passerelle.domain.EmailAddresses.maskAll(e.toString()));
            LOG.debug("Portal background work failed ({})", what, e);
          } finally {
            pending.decrementAndGet();
          }
        });
  }

  /** Waits until nothing is queued or running (tests); false on timeout. */
  boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  @Override
  public void destroy() throws InterruptedException {
    executor.shutdown();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      executor.shutdownNow();
    }
  }
}
