package org.safehaven.ingest.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.safehaven.core.topic.Topics;
import org.safehaven.ingest.canonical.CanonicalMapper;
import org.safehaven.ingest.canonical.CanonicalRecord;
import org.safehaven.ingest.dedup.DedupStore;
import org.safehaven.ingest.pseudonymise.PayloadScrubber;
import org.safehaven.ingest.pseudonymise.Pseudonymiser;
import org.safehaven.ingest.validate.EventValidator;
import org.safehaven.ingest.validate.Rule;
import org.safehaven.ingest.validate.ValidEvent;
import org.safehaven.ingest.validate.ValidationResult;
import org.safehaven.ingest.validate.Violation;
import org.safehaven.ingest.validate.Violations;
import org.safehaven.schema.DeadLetter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one code path every entry calls (file, HTTP, raw topic): bytes of one event in, one
 * {@link Outcome} out, its record written.
 *
 * <ol>
 *   <li>validate ({@link EventValidator}); a refusal becomes a {@link DeadLetter} (reason, field path,
 *       rule, the payload scrubbed of person identifiers) on {@link Topics#DEAD_LETTERS}: REJECTED;</li>
 *   <li>deduplicate by (force, eventId) ({@link DedupStore}): seen before: DUPLICATE, nothing written,
 *       nothing dead-lettered (a re-sent file is not an error);</li>
 *   <li>pseudonymise and map ({@link CanonicalMapper}) and write the canonical record: ACCEPTED once the
 *       broker acknowledged it.</li>
 * </ol>
 *
 * <p>The input bytes are read before {@code ingest} returns, so a caller may reuse its buffer. The
 * returned future completes when the outcome is durable, so callers can acknowledge (HTTP),
 * commit offsets (raw topic) or count (file) only then. If the sink fails, the future completes
 * exceptionally with {@link SinkUnavailableException} and the event is released from dedup, so
 * retrying it is safe. Nothing is logged per event (values can be personal; volume is high); a
 * defect in ingest itself is logged by exception class only and the input dead-lettered with rule
 * {@code internal}. Thread-safe.
 *
 * <p>{@link #ingest} is {@link #prepare} (CPU only, no side effects, any thread) followed by {@link #commit}
 * (dedup and write, in order). The file importer prepares batches of lines on several threads and commits
 * them in file order, so parallel work changes neither the order of records per key nor which of two
 * events with one eventId is accepted.
 */
public final class IngestPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
  private static final int MAX_REASON = 2000;

  private final EventValidator validator;
  private final CanonicalMapper mapper;
  private final PayloadScrubber scrubber;
  private final DedupStore dedup;
  private final EventSink sink;
  private final Clock clock;

  public IngestPipeline(EventValidator validator, Pseudonymiser pseudonymiser, DedupStore dedup, EventSink sink,
                        Clock clock) {
    this.validator = validator;
    this.mapper = new CanonicalMapper(pseudonymiser);
    this.scrubber = new PayloadScrubber(pseudonymiser);
    this.dedup = dedup;
    this.sink = sink;
    this.clock = clock;
  }

  public EventValidator validator() {
    return validator;
  }

  public CompletableFuture<Outcome> ingest(byte[] event, Origin origin) {
    return ingest(event, 0, event.length, origin);
  }

  /** Ingests the event in {@code bytes[offset, offset+length)}. */
  public CompletableFuture<Outcome> ingest(byte[] bytes, int offset, int length, Origin origin) {
    return commit(List.of(prepare(bytes, offset, length, origin))).get(0);
  }

  /**
   * Refuses an event too large to hold in memory without reading it (a file line over the limit): the
   * same outcome the validator gives an oversized event, with its real size.
   */
  public CompletableFuture<Outcome> ingestOversized(long byteSize, Origin origin) {
    return commit(List.of(prepareOversized(byteSize, origin))).get(0);
  }

  /**
   * An event after the first, side-effect-free half of ingest: validated, and either mapped to its
   * canonical record (raw identifiers already replaced by refs) or turned into its dead letter. Nothing
   * is written and nothing reserved until {@link #commit}.
   */
  public sealed interface Prepared permits Valid, Refused, Failed {}

  /** A valid event: its dedup key and its canonical record. */
  public record Valid(String eventId, String force, byte[] dedupKey, CanonicalRecord record) implements Prepared {}

  /** A refused event: its dead letter and the letter's record key. */
  public record Refused(Violations refusal, String key, DeadLetter letter) implements Prepared {}

  /** A valid event ingest failed to map (a defect): committed as a failed outcome, never written. */
  public record Failed(RuntimeException error) implements Prepared {}

  /**
   * The first half of {@link #ingest}: validation, pseudonymisation and mapping, CPU only. Thread-safe and
   * free of side effects, so batches of a file can be prepared on several threads and committed in file
   * order. The input bytes are read before it returns.
   */
  public Prepared prepare(byte[] bytes, int offset, int length, Origin origin) {
    ValidationResult result;
    try {
      result = validator.validate(bytes, offset, length);
    } catch (RuntimeException e) {
      LOG.error("ingest failed to validate an event ({}); dead-lettering it", e.getClass().getName());
      result = new Violations(List.of(new Violation("$", Rule.INTERNAL, "ingest failed on this event")),
          null, null, null, length, null);
    }
    if (result instanceof Violations refusal) {
      return refused(refusal, origin);
    }
    ValidEvent event = (ValidEvent) result;
    try {
      CanonicalRecord record = mapper.map(event, Instant.ofEpochMilli(clock.millis()));
      return new Valid(event.eventId(), event.force(), DedupStore.key(event.force(), event.eventId()), record);
    } catch (RuntimeException e) {
      return new Failed(e);
    }
  }

  /** {@link #prepare} for an event too large to read (see {@link #ingestOversized}). */
  public Prepared prepareOversized(long byteSize, Origin origin) {
    int size = (int) Math.min(Integer.MAX_VALUE, byteSize);
    Violation v = new Violation("$", Rule.TOO_LARGE,
        "the event is larger than the limit of " + validator.limits().maxEventBytes() + " bytes");
    return refused(new Violations(List.of(v), null, null, null, size, null), origin);
  }

  /**
   * The second half of {@link #ingest}: deduplicates the valid events of the batch (one store lookup for
   * all of them) and writes every record, in the order given, so records with one key keep that order on
   * their partition and, of two events with the same (force, eventId), the first is the one accepted.
   * One future per item, in the same order. Calls that must keep their relative order must not run
   * concurrently.
   */
  public List<CompletableFuture<Outcome>> commit(List<Prepared> batch) {
    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      outcomes.add(new CompletableFuture<>());
    }
    commit(batch, (index, outcome, error) -> {
      if (outcome != null) {
        outcomes.get(index).complete(outcome);
      } else {
        outcomes.get(index).completeExceptionally(error);
      }
    });
    return outcomes;
  }

  /** Told the outcome of each item of a {@link #commit(List, Listener)}. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Called exactly once per item, with its outcome once durable, or with null and a
     * {@link SinkUnavailableException} when it could not be written. May run on the sink's I/O thread:
     * must be short and must not block.
     */
    void completed(int index, Outcome outcome, SinkUnavailableException error);
  }

  /**
   * {@link #commit(List)} reporting to one listener instead of a future per item: the same order, dedup and
   * writes, without a future and its completion stages per event (the file importer commits millions).
   */
  public void commit(List<Prepared> batch, Listener listener) {
    List<byte[]> keys = new ArrayList<>(batch.size());
    for (Prepared p : batch) {
      if (p instanceof Valid v) {
        keys.add(v.dedupKey());
      }
    }
    boolean[] fresh = null;
    RuntimeException dedupFailure = null;
    if (!keys.isEmpty()) {
      try {
        fresh = dedup.tryReserveAll(keys);
      } catch (RuntimeException e) {
        dedupFailure = e;
      }
    }
    int k = 0;
    for (int i = 0; i < batch.size(); i++) {
      Prepared p = batch.get(i);
      if (p instanceof Valid v) {
        if (dedupFailure != null) {
          listener.completed(i, null, unavailable(dedupFailure));
        } else if (!fresh[k]) {
          listener.completed(i, Outcome.duplicate(v.eventId(), v.force()), null);
        } else {
          write(v, i, listener);
        }
        k++;
      } else if (p instanceof Refused r) {
        write(r, i, listener);
      } else {
        listener.completed(i, null, unavailable(((Failed) p).error()));
      }
    }
  }

  private void write(Valid v, int index, Listener listener) {
    byte[] key = v.dedupKey();
    // The callback keeps only what the outcome needs, not the record: thousands wait for the broker at once,
    // and what they hold survives young collections.
    String eventId = v.eventId();
    String force = v.force();
    String topic = v.record().topic().name();
    try {
      sink.canonical(v.record(), error -> {
        if (error != null) {
          dedup.release(key);
          listener.completed(index, null, unavailable(error));
        } else {
          dedup.confirm(key);
          listener.completed(index, Outcome.accepted(eventId, force, topic), null);
        }
      });
    } catch (RuntimeException e) {
      dedup.release(key);
      listener.completed(index, null, unavailable(e));
    }
  }

  private Refused refused(Violations refusal, Origin origin) {
    Violation first = refusal.first();
    String reason = refusal.reason();
    DeadLetter letter = DeadLetter.newBuilder()
        .setStage(origin.stage())
        .setReason(reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason)
        .setFieldPath(first.path())
        .setRule(first.rule().code())
        .setEventId(refusal.eventId())
        .setForce(refusal.force())
        .setSourceTopic(origin.sourceTopic())
        .setSourcePartition(origin.sourcePartition())
        .setSourceOffset(origin.sourceOffset())
        .setPayload(scrubber.payload(refusal))
        .setRejectedAt(Instant.ofEpochMilli(clock.millis()))
        .build();
    String key = refusal.force() != null ? refusal.force() : origin.stage().name();
    return new Refused(refusal, key, letter);
  }

  private void write(Refused r, int index, Listener listener) {
    Violations refusal = r.refusal();
    try {
      sink.deadLetter(r.key(), r.letter(), error -> {
        if (error != null) {
          listener.completed(index, null, unavailable(error));
        } else {
          listener.completed(index,
              Outcome.rejected(refusal.eventId(), refusal.force(), Topics.DEAD_LETTERS.name(), refusal.list()), null);
        }
      });
    } catch (RuntimeException e) {
      listener.completed(index, null, unavailable(e));
    }
  }

  /** Writes buffered records and pending dedup marks now (end of a request, a poll, a file). */
  public void flush() {
    sink.flush();
    dedup.flush();
  }

  private static SinkUnavailableException unavailable(Throwable e) {
    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof SinkUnavailableException s) {
      return s;
    }
    return new SinkUnavailableException("the outcome could not be written: " + cause.getClass().getSimpleName(), cause);
  }
}
