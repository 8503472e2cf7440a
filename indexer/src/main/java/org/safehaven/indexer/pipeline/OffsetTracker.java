package org.safehaven.indexer.pipeline;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, the records handed to Elasticsearch (or to the dead
 * letters) and not yet acknowledged. The committable position of a partition is its lowest unacknowledged
 * offset, or one past the highest offset seen when nothing is outstanding — so a commit never passes a
 * record Elasticsearch has not confirmed, however the bulk requests complete out of order.
 *
 * <p>Thread-safe: the poll loop tracks and commits, the bulk listener's threads acknowledge. An
 * acknowledgement for a partition this instance no longer owns (revoked meanwhile) is ignored.
 */
public final class OffsetTracker {

  private static final class Partition {
    final TreeSet<Long> pending = new TreeSet<>();
    long next = -1;
    long committed = -1;

    long position() {
      return pending.isEmpty() ? next : pending.first();
    }
  }

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();
  private int pendingTotal;

  /** A record was read and its document (or dead letter) is on its way. */
  public synchronized void track(TopicPartition tp, long offset) {
    Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
    if (p.pending.add(offset)) {
      pendingTotal++;
    }
    p.next = Math.max(p.next, offset + 1);
  }

  /** A record needs nothing written (e.g. a tombstone): it only moves the position on. */
  public synchronized void skip(TopicPartition tp, long offset) {
    Partition p = partitions.computeIfAbsent(tp, k -> new Partition());
    p.next = Math.max(p.next, offset + 1);
  }

  /** The record's document was acknowledged (or its dead letter written). */
  public synchronized void ack(TopicPartition tp, long offset) {
    Partition p = partitions.get(tp);
    if (p != null && p.pending.remove(offset)) {
      pendingTotal--;
    }
  }

  /** Whether this record is still awaited (false once acknowledged or its partition was forgotten). */
  public synchronized boolean isPending(TopicPartition tp, long offset) {
    Partition p = partitions.get(tp);
    return p != null && p.pending.contains(offset);
  }

  public synchronized int pending() {
    return pendingTotal;
  }

  public synchronized int pending(Collection<TopicPartition> tps) {
    int n = 0;
    for (TopicPartition tp : tps) {
      Partition p = partitions.get(tp);
      n += p == null ? 0 : p.pending.size();
    }
    return n;
  }

  /** The positions that moved since they were last committed (mark them with {@link #committed}). */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    partitions.forEach((tp, p) -> {
      long pos = p.position();
      if (pos > p.committed) {
        out.put(tp, new OffsetAndMetadata(pos));
      }
    });
    return out;
  }

  /** The committable positions of these partitions only, whether or not they moved. */
  public synchronized Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> tps) {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    for (TopicPartition tp : tps) {
      Partition p = partitions.get(tp);
      if (p != null && p.position() >= 0) {
        out.put(tp, new OffsetAndMetadata(p.position()));
      }
    }
    return out;
  }

  public synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, o) -> {
      Partition p = partitions.get(tp);
      if (p != null) {
        p.committed = Math.max(p.committed, o.offset());
      }
    });
  }

  /** The partitions were revoked: their outstanding records are the next owner's to redo. */
  public synchronized void forget(Collection<TopicPartition> tps) {
    for (TopicPartition tp : tps) {
      Partition p = partitions.remove(tp);
      if (p != null) {
        pendingTotal -= p.pending.size();
      }
    }
  }
}
