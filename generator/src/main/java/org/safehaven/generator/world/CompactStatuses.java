package org.safehaven.generator.world;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.safehaven.schema.CaseStatusValue;

/**
 * Scheduled case-status changes of background reports, one {@code long} each, grouped by slice. Packing:
 * second within the slice (12 bits), status (3), force index (6), year - 1900 (8), report sequence (32). A
 * national year holds about two million of these: 16 MB instead of a few hundred as objects, and nothing
 * for the garbage collector to trace.
 */
final class CompactStatuses {

  /** Receives one unpacked status change. */
  @FunctionalInterface
  interface Sink {
    void accept(long secondInSlice, CaseStatusValue status, Forces.Force force, int year, int seq);
  }

  private static final CaseStatusValue[] STATUSES = CaseStatusValue.values();

  private static final class Bucket {
    long[] packed = new long[16];
    int size;
  }

  private final Map<Long, Bucket> bySlice = new HashMap<>();
  private long total;

  void add(long slice, long secondInSlice, CaseStatusValue status, Forces.Force force, int year, int seq) {
    if (secondInSlice < 0 || secondInSlice >= 4096 || year < 1900 || year > 2155) {
      throw new IllegalArgumentException("cannot pack this status change");
    }
    long packed = secondInSlice | (long) status.ordinal() << 12 | (long) force.index() << 15
        | (long) (year - 1900) << 21 | (seq & 0xFFFF_FFFFL) << 29;
    Bucket b = bySlice.computeIfAbsent(slice, k -> new Bucket());
    if (b.size == b.packed.length) {
      b.packed = Arrays.copyOf(b.packed, b.size * 2);
    }
    b.packed[b.size++] = packed;
    total++;
  }

  /** Hands over and forgets the slice's status changes, in the order they were added. */
  void drain(long slice, Sink sink) {
    Bucket b = bySlice.remove(slice);
    if (b == null) {
      return;
    }
    total -= b.size;
    for (int i = 0; i < b.size; i++) {
      long p = b.packed[i];
      sink.accept(p & 0xFFF, STATUSES[(int) (p >>> 12 & 7)], Forces.ALL.get((int) (p >>> 15 & 63)),
          (int) (p >>> 21 & 255) + 1900, (int) (p >>> 29));
    }
  }

  long size() {
    return total;
  }
}
