package org.safehaven.core.topic;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Waits until newly created topics can really be written to.
 *
 * <p>Why: a topic's creation is acknowledged when the controller has committed it, before the leader broker
 * has applied it. An idempotent producer that writes at once can have its first request refused
 * (NOT_LEADER_OR_FOLLOWER) while a later request to the same partition is accepted; every retry of the first
 * then fails with OUT_OF_ORDER_SEQUENCE_NUMBER until the delivery timeout drops its records (KAFKA-15591,
 * fixed only in later brokers). Seen here: a test's producer stuck for two minutes right after creating its
 * topics.
 *
 * <p>Contract: returns once every partition of every topic has a leader <em>and</em> that leader answers a
 * ListOffsets request for it, which it does only after it holds the partition, the same check a produce
 * request meets. Throws {@link IllegalStateException} naming the topics if that takes longer than
 * {@code timeout}.
 */
public final class TopicReadiness {

  private static final long POLL_MS = 100;

  private TopicReadiness() {}

  public static void awaitWritable(Admin admin, Collection<String> topics, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        boolean leaders = true;
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(remaining(deadline),
            TimeUnit.MILLISECONDS).values()) {
          for (var p : d.partitions()) {
            leaders &= p.leader() != null && !p.leader().isEmpty();
            partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
          }
        }
        if (leaders) {
          admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE,
              remaining(deadline)))).all().get(remaining(deadline), TimeUnit.MILLISECONDS);
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException)) {
          throw new IllegalStateException("topics " + topics + " are not writable: " + e.getCause().getMessage(),
              e.getCause());
        }
        last = e;
      } catch (TimeoutException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
      }
      sleep();
    }
    throw new IllegalStateException("topics " + topics + " had no writable leader after " + timeout.toSeconds()
        + " s" + (last == null ? "" : " (last answer: " + last.getMessage() + ")"));
  }

  private static long remaining(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for topics", e);
    }
  }
}
