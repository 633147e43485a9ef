package io.passerelle.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Watches the application's process from the outside: resident memory and CPU from /proc, the heap
 * through the JVM's own management interface (attached to the process, as jconsole does). A sampler
 * keeps the peaks every 200 ms; {@link #heapAfterGc()} gives the live heap at a quiet moment.
 */
final class AppMonitor implements AutoCloseable {

  /** One sample: seconds since the monitor started, RSS and heap used in bytes, CPU seconds. */
  record Sample(double at, long rss, long heapUsed, double cpuSeconds) {}

  private final long pid;
  private final JMXConnector connector;
  private final MemoryMXBean memory;
  private final ThreadMXBean threads;
  private final long started = System.nanoTime();
  private final List<Sample> samples = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peakHeapUsed;
  private volatile long peakHeapCommitted;
  private volatile int peakThreads;

  AppMonitor(long pid) throws IOException {
    this.pid = pid;
    String address;
    try {
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (com.sun.tools.attach.AttachNotSupportedException e) {
      throw new IOException("Cannot attach to the application's JVM " + pid + ": " + e, e);
    }
    this.connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
    MBeanServerConnection server = connector.getMBeanServerConnection();
    this.memory =
        ManagementFactory.newPlatformMXBeanProxy(
            server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    this.threads =
        ManagementFactory.newPlatformMXBeanProxy(
            server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
    this.sampler = Thread.ofPlatform().name("app-sampler").daemon().start(this::sample);
  }

  ProcessStats stats() {
    return ProcessStats.of(pid);
  }

  long pid() {
    return pid;
  }

  long peakHeapUsed() {
    return peakHeapUsed;
  }

  long peakHeapCommitted() {
    return peakHeapCommitted;
  }

  int peakThreads() {
    return peakThreads;
  }

  long heapUsed() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  long heapCommitted() {
    return memory.getHeapMemoryUsage().getCommitted();
  }

  /** The live heap: a full collection first (twice, so that finalised objects go too). */
  long heapAfterGc() {
    memory.gc();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  private void sample() {
    while (running) {
      try {
        ProcessStats stats = ProcessStats.of(pid);
        var heap = memory.getHeapMemoryUsage();
        peakHeapUsed = Math.max(peakHeapUsed, heap.getUsed());
        peakHeapCommitted = Math.max(peakHeapCommitted, heap.getCommitted());
        peakThreads = Math.max(peakThreads, threads.getThreadCount());
        synchronized (this) {
          samples.add(
              new Sample(
                  (System.nanoTime() - started) / 1e9,
                  stats.rssBytes(),
                  heap.getUsed(),
                  stats.cpuSeconds()));
        }
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        // the process is going away, or one sample failed: try again
        try {
          Thread.sleep(200);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    sampler.interrupt();
    connector.close();
  }
}
