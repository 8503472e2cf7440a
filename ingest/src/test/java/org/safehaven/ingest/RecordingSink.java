package org.safehaven.ingest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.safehaven.ingest.canonical.CanonicalRecord;
import org.safehaven.ingest.pipeline.EventSink;
import org.safehaven.ingest.pipeline.SinkUnavailableException;
import org.safehaven.schema.DeadLetter;

/**
 * A sink that keeps what it is given, for unit tests of the pipeline's own logic (the Kafka sink is
 * exercised against a real broker in the system tests). {@code failNext} makes the next write fail as
 * an unreachable broker would.
 */
public final class RecordingSink implements EventSink {
  public final List<CanonicalRecord> canonical = new CopyOnWriteArrayList<>();
  public final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  public volatile boolean failNext;

  @Override
  public CompletableFuture<Void> canonical(CanonicalRecord record) {
    if (failNext) {
      failNext = false;
      return CompletableFuture.failedFuture(new SinkUnavailableException("broker down", null));
    }
    canonical.add(record);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> deadLetter(String key, DeadLetter letter) {
    deadLetters.add(letter);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
