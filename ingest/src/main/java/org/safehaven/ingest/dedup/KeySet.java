package org.safehaven.ingest.dedup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The store's in-memory set of 32-byte keys (SHA-256 digests): the events reserved or confirmed but not
 * yet written to disk. Thread-safe (every method synchronised; the callers hold it for a few probes).
 *
 * <p>Why not a {@code ConcurrentHashMap<ByteBuffer, ...>}: profiled, inserting and removing every key of an
 * import through it cost a sixth of the importer's thread — a wrapper, a node and a key array per event,
 * a hash recomputed over 32 bytes at every call, and three cache misses to remove a key written long after
 * it went in. Here a key is four longs in one flat table (open addressing, linear probing, deletion by
 * backward shift, so no tombstones pile up): no allocation per key, one cache line per probe, and the hash
 * is the key's own first eight bytes (a digest is uniformly random already). Grows at half full; never
 * shrinks (its size is the peak of keys in flight, a few tens of thousands: a few MB).
 */
final class KeySet {

  static final int KEY_BYTES = 32;
  private static final int MIN_CAPACITY = 1 << 14;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private long[] table; // 4 longs per slot
  private boolean[] used;
  private int mask;
  private int size;

  KeySet() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    table = new long[capacity * 4];
    used = new boolean[capacity];
    mask = capacity - 1;
  }

  /** Adds the key; false when it was already present. */
  synchronized boolean add(byte[] key) {
    check(key);
    long a = word(key, 0);
    long b = word(key, 8);
    long c = word(key, 16);
    long d = word(key, 24);
    int i = slot(a);
    while (used[i]) {
      if (equalsAt(i, a, b, c, d)) {
        return false;
      }
      i = (i + 1) & mask;
    }
    put(i, a, b, c, d);
    if (++size > (mask + 1) / 2) {
      grow();
    }
    return true;
  }

  synchronized boolean contains(byte[] key) {
    return find(key) >= 0;
  }

  /** Removes the key if present; true when it was. */
  synchronized boolean remove(byte[] key) {
    int i = find(key);
    if (i < 0) {
      return false;
    }
    // Backward-shift deletion: move later keys of the probe run into the hole when their home slot allows.
    int hole = i;
    int j = i;
    while (true) {
      j = (j + 1) & mask;
      if (!used[j]) {
        break;
      }
      int home = slot(table[j * 4]);
      // The key at j may fill the hole unless its home lies cyclically in (hole, j].
      boolean homeBetween = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (!homeBetween) {
        System.arraycopy(table, j * 4, table, hole * 4, 4);
        hole = j;
      }
    }
    used[hole] = false;
    size--;
    return true;
  }

  /** Removes every key of the list (those present), under one lock. */
  synchronized void removeAll(java.util.List<byte[]> keys) {
    for (byte[] k : keys) {
      remove(k);
    }
  }

  synchronized int size() {
    return size;
  }

  private int find(byte[] key) {
    check(key);
    long a = word(key, 0);
    long b = word(key, 8);
    long c = word(key, 16);
    long d = word(key, 24);
    int i = slot(a);
    while (used[i]) {
      if (equalsAt(i, a, b, c, d)) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  private boolean equalsAt(int i, long a, long b, long c, long d) {
    int at = i * 4;
    return table[at] == a && table[at + 1] == b && table[at + 2] == c && table[at + 3] == d;
  }

  private void put(int i, long a, long b, long c, long d) {
    int at = i * 4;
    table[at] = a;
    table[at + 1] = b;
    table[at + 2] = c;
    table[at + 3] = d;
    used[i] = true;
  }

  private int slot(long first) {
    return (int) (first ^ (first >>> 32)) & mask;
  }

  private void grow() {
    long[] oldTable = table;
    boolean[] oldUsed = used;
    allocate(oldUsed.length * 2);
    for (int s = 0; s < oldUsed.length; s++) {
      if (oldUsed[s]) {
        int at = s * 4;
        int i = slot(oldTable[at]);
        while (used[i]) {
          i = (i + 1) & mask;
        }
        put(i, oldTable[at], oldTable[at + 1], oldTable[at + 2], oldTable[at + 3]);
      }
    }
  }

  private static long word(byte[] key, int offset) {
    return (long) LONGS.get(key, offset);
  }

  private static void check(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a dedup key has " + KEY_BYTES + " bytes, not " + key.length);
    }
  }
}
