package org.safehaven.ingest.pipeline;

import java.util.concurrent.atomic.LongAdder;

/**
 * Accounting of one ingest run (a file import, a service's lifetime): every event read ends as
 * accepted, duplicate or rejected, and {@link #snapshot()} checks that {@code read = accepted +
 * duplicates + rejected} once nothing is in flight. {@code failed} counts events whose outcome could
 * not be written (the broker did not acknowledge); they are not lost: the run stops and says so, and a
 * re-run picks them up (the ones that did land are then duplicates). Thread-safe.
 */
public final class IngestCounts {

  private final LongAdder read = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder failed = new LongAdder();

  /** One immutable reading of the counters. */
  public record Snapshot(long read, long accepted, long duplicates, long rejected, long failed) {

    /** Events read whose outcome is not known yet. */
    public long inFlight() {
      return read - accepted - duplicates - rejected - failed;
    }

    /** Whether every event read is accounted for as accepted, duplicate or rejected. */
    public boolean balanced() {
      return failed == 0 && inFlight() == 0;
    }

    /** The closing line: {@code read N = accepted A + duplicates D + rejected R}. */
    public String line() {
      String s = "read " + read + " = accepted " + accepted + " + duplicates " + duplicates + " + rejected " + rejected;
      if (failed > 0) {
        s += " (+ " + failed + " not written: broker unavailable; re-run to complete)";
      }
      return s;
    }

    /**
     * @throws IllegalStateException when an event is unaccounted for: a defect, never an input problem
     */
    public Snapshot requireBalanced() {
      if (inFlight() != 0) {
        throw new IllegalStateException("accounting broken: " + line() + " with " + inFlight() + " unaccounted");
      }
      return this;
    }
  }

  public void read() {
    read.increment();
  }

  public void record(Outcome outcome) {
    switch (outcome.kind()) {
      case ACCEPTED -> accepted.increment();
      case DUPLICATE -> duplicates.increment();
      case REJECTED -> rejected.increment();
    }
  }

  public void failed() {
    failed.increment();
  }

  public Snapshot snapshot() {
    // Outcomes first, read last: a concurrent reading then never shows more outcomes than reads.
    long f = failed.sum();
    long r = rejected.sum();
    long d = duplicates.sum();
    long a = accepted.sum();
    return new Snapshot(read.sum(), a, d, r, f);
  }
}
