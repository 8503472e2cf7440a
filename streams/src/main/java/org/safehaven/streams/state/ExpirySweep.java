package org.safehaven.streams.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Walks a key-value store a bounded batch at a time, in key order, wrapping round at the end, and hands each
 * entry to a visitor that may delete or rewrite it: how the long-lived stores (reports, case statuses, roles,
 * kept for the two-year lookback) drop what has expired.
 *
 * <p>Why not a time-ordered index: an index store costs a second write and a second changelog record for
 * every report and every new role (a third of all records the application wrote, profiled), to purge
 * entries that live two years. A sweep costs nothing per event; each call reads at most {@code batch} entries,
 * so a punctuation never stalls the stream thread, and an entry is dropped at most one full cycle after it
 * expires. Expiry is a matter of bounding state only: the rules check every role's lookback at event time.
 *
 * <p>Contract: not thread-safe (one per processor instance, used on its stream thread). The cursor is not
 * persisted; after a restart the sweep starts again from the first key. The visitor runs after the iterator
 * is closed, so it may modify the store.
 */
public final class ExpirySweep<V> {

  /** Decides about one entry; may delete it from, or rewrite it in, the store. */
  @FunctionalInterface
  public interface Visitor<V> {
    void visit(String key, V value);
  }

  private final int batch;
  private String next;

  public ExpirySweep(int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1");
    }
    this.batch = batch;
  }

  /** Visits the next (up to) {@code batch} entries of the store from the cursor; returns how many were visited. */
  public int step(KeyValueStore<String, V> store, Visitor<V> visitor) {
    List<KeyValue<String, V>> entries = new ArrayList<>(Math.min(batch + 1, 1024));
    try (KeyValueIterator<String, V> it = next == null ? store.all() : store.range(next, null)) {
      while (it.hasNext() && entries.size() <= batch) {
        entries.add(it.next());
      }
    }
    if (entries.size() > batch) {
      next = entries.remove(batch).key;
    } else {
      next = null;
    }
    for (KeyValue<String, V> e : entries) {
      visitor.visit(e.key, e.value);
    }
    return entries.size();
  }
}
