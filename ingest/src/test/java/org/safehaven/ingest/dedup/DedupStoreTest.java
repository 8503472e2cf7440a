package org.safehaven.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupStoreTest {

  @TempDir
  Path dir;

  @Test
  void anEventIsNewOnceAndADuplicateAfterItsConfirmation() {
    try (DedupStore store = DedupStore.open(dir)) {
      byte[] k = DedupStore.key("kent", "e-1");
      assertThat(store.tryReserve(k)).isTrue();
      assertThat(store.tryReserve(k)).as("in flight").isFalse();
      store.confirm(k);
      assertThat(store.tryReserve(k)).as("confirmed, not yet written").isFalse();
      store.flush();
      assertThat(store.inMemory()).isZero();
      assertThat(store.tryReserve(k)).as("written").isFalse();
    }
  }

  @Test
  void aBatchReservationClaimsNewKeysOnceInListOrderAndRefusesKnownOnes() {
    try (DedupStore store = DedupStore.open(dir)) {
      byte[] written = DedupStore.key("kent", "e-1");
      byte[] inFlight = DedupStore.key("kent", "e-2");
      assertThat(store.tryReserve(written)).isTrue();
      store.confirm(written);
      store.flush();
      assertThat(store.tryReserve(inFlight)).isTrue();

      boolean[] fresh = store.tryReserveAll(List.of(written, DedupStore.key("kent", "e-3"), inFlight,
          DedupStore.key("kent", "e-3"), DedupStore.key("essex", "e-1")));

      assertThat(fresh).containsExactly(false, true, false, false, true);
      assertThat(store.tryReserve(DedupStore.key("kent", "e-3"))).as("claimed by the batch").isFalse();
      assertThat(store.inMemory()).as("the in-flight key and the two claimed").isEqualTo(3);
    }
  }

  @Test
  void confirmedKeysAreWrittenInTheBackgroundOnceABatchIsPendingAndStayDuplicatesThroughout() {
    try (DedupStore store = DedupStore.open(dir)) {
      List<byte[]> keys = new java.util.ArrayList<>();
      for (int i = 0; i < DedupStore.BATCH + 10; i++) {
        byte[] k = DedupStore.key("kent", "e-" + i);
        assertThat(store.tryReserve(k)).isTrue();
        store.confirm(k);
        keys.add(k);
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (store.inMemory() >= DedupStore.BATCH && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(store.inMemory()).as("the writer thread wrote the batch").isLessThan(DedupStore.BATCH);
      for (byte[] k : keys) {
        assertThat(store.tryReserve(k)).as("written or still pending: a duplicate either way").isFalse();
      }
    }
  }

  @Test
  void keysConfirmedJustBeforeCloseAreWrittenByClose() {
    try (DedupStore store = DedupStore.open(dir)) {
      byte[] k = DedupStore.key("kent", "e-last");
      assertThat(store.tryReserve(k)).isTrue();
      store.confirm(k);
    }
    try (DedupStore reopened = DedupStore.open(dir)) {
      assertThat(reopened.tryReserve(DedupStore.key("kent", "e-last"))).isFalse();
    }
  }

  @Test
  void aReleasedReservationCanBeRetried() {
    try (DedupStore store = DedupStore.open(dir)) {
      byte[] k = DedupStore.key("kent", "e-1");
      assertThat(store.tryReserve(k)).isTrue();
      store.release(k);
      assertThat(store.tryReserve(k)).isTrue();
    }
  }

  @Test
  void acceptedEventsSurviveARestart() {
    try (DedupStore store = DedupStore.open(dir)) {
      for (int i = 0; i < 3000; i++) {
        byte[] k = DedupStore.key("essex", "e-" + i);
        assertThat(store.tryReserve(k)).isTrue();
        store.confirm(k);
      }
    }
    try (DedupStore reopened = DedupStore.open(dir)) {
      assertThat(reopened.tryReserve(DedupStore.key("essex", "e-2999"))).isFalse();
      assertThat(reopened.tryReserve(DedupStore.key("essex", "e-0"))).isFalse();
      assertThat(reopened.tryReserve(DedupStore.key("essex", "e-3000"))).isTrue();
    }
  }

  @Test
  void theSameEventIdFromAnotherForceIsNotADuplicate() {
    try (DedupStore store = DedupStore.open(dir)) {
      byte[] kent = DedupStore.key("kent", "e-1");
      assertThat(store.tryReserve(kent)).isTrue();
      store.confirm(kent);
      assertThat(store.tryReserve(DedupStore.key("essex", "e-1"))).isTrue();
    }
  }

  @Test
  void aSecondProcessIsToldTheStoreIsInUse() {
    try (DedupStore owner = DedupStore.open(dir)) {
      assertThatThrownBy(() -> DedupStore.open(dir)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by another ingest process");
      assertThat(owner.tryReserve(DedupStore.key("kent", "x"))).isTrue();
    }
  }
}
