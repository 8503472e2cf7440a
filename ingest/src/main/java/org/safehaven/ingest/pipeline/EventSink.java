package org.safehaven.ingest.pipeline;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
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

  /**
   * {@link #canonical(CanonicalRecord)} with a callback instead of a future, for callers that write many
   * records and only count them (the file importer): {@code done} is called once, with null when the record
   * is durable, else with the failure. It may run on the sink's I/O thread, so it must be short and must not
   * block. A failure to accept the record at all is thrown instead, and {@code done} is then not called.
   */
  default void canonical(CanonicalRecord record, Consumer<Throwable> done) {
    canonical(record).whenComplete((ok, error) -> done.accept(error));
  }

  /** {@link #deadLetter(String, DeadLetter)} with a callback, as {@link #canonical(CanonicalRecord, Consumer)}. */
  default void deadLetter(String key, DeadLetter letter, Consumer<Throwable> done) {
    deadLetter(key, letter).whenComplete((ok, error) -> done.accept(error));
  }

  /** Sends everything buffered now rather than after the linger. */
  void flush();

  @Override
  void close();
}
