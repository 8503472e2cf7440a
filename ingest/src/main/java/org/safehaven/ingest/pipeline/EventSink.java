package org.safehaven.ingest.pipeline;

import java.util.concurrent.CompletableFuture;
import org.safehaven.ingest.canonical.CanonicalRecord;
import org.safehaven.schema.DeadLetter;

/**
 * Where the pipeline's outcomes are written: the canonical topics and the dead-letter topic. A future
 * completes once the write is durable (for Kafka: acknowledged by all in-sync replicas), or
 * exceptionally with {@link SinkUnavailableException}.
 */
public interface EventSink extends AutoCloseable {

  CompletableFuture<Void> canonical(CanonicalRecord record);

  CompletableFuture<Void> deadLetter(String key, DeadLetter letter);

  /** Sends everything buffered now rather than after the linger. */
  void flush();

  @Override
  void close();
}
