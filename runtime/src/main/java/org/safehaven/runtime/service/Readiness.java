package org.safehaven.runtime.service;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.safehaven.runtime.StackException;
import org.safehaven.runtime.process.ChildProcess;

/**
 * Waits for a service to answer its health probe, failing early and clearly when it cannot: the process
 * exited, the startup timeout passed, or the start was abandoned because another service failed.
 */
public final class Readiness {

  /** One health check; false (or an exception) means "not yet". */
  @FunctionalInterface
  public interface Probe {
    boolean ready() throws Exception;
  }

  private static final long POLL_MILLIS = 250;

  private Readiness() {}

  /**
   * @param child   the service's process, or null for an external service
   * @param what    how to name the service and where to look, e.g. "Kafka (log: DIR/logs/kafka.log)"
   * @param aborted true once the whole start is being abandoned
   */
  public static void await(String service, ChildProcess child, String where, Duration timeout,
                           BooleanSupplier aborted, Probe probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (aborted.getAsBoolean()) {
        throw new CancellationException(service + ": start abandoned");
      }
      if (child != null && !child.isAlive()) {
        throw new StackException(service + " exited with code " + child.exitValue()
            + " before it was ready; see " + where);
      }
      boolean ok;
      try {
        ok = probe.ready();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException(service + ": start interrupted");
      } catch (Exception e) {
        ok = false;
      }
      if (ok) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(service + " was not ready within " + timeout.toSeconds() + " s; see " + where);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException(service + ": start interrupted");
      }
    }
  }
}
