package org.safehaven.ingest.dedup;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store's in-memory set of 32-byte keys (SHA-256 digests): the events reserved or confirmed but not
 * yet written to disk. Thread-safe: a concurrent set of the keys wrapped as {@link ByteBuffer}s, which
 * compare and hash by content. (A hand-written flat open-addressing table was tried in place of it: no
 * measurable gain in an interleaved A/B, docs/benchmarks.md, so the JDK's set stays.)
 *
 * <p>Contract: a key array handed in must not be modified afterwards (the set holds it, not a copy).
 */
final class KeySet {

  static final int KEY_BYTES = 32;

  private final Set<ByteBuffer> keys = ConcurrentHashMap.newKeySet(1 << 14);

  /** Adds the key; false when it was already present. */
  boolean add(byte[] key) {
    return keys.add(wrap(key));
  }

  boolean contains(byte[] key) {
    return keys.contains(wrap(key));
  }

  /** Removes the key if present; true when it was. */
  boolean remove(byte[] key) {
    return keys.remove(wrap(key));
  }

  /** Removes every key of the list (those present). */
  void removeAll(List<byte[]> list) {
    for (byte[] k : list) {
      keys.remove(wrap(k));
    }
  }

  int size() {
    return keys.size();
  }

  private static ByteBuffer wrap(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a dedup key has " + KEY_BYTES + " bytes, not " + key.length);
    }
    return ByteBuffer.wrap(key);
  }
}
