package org.safehaven.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExpirySweepTest {

  private KeyValueStore<String, Long> store;

  @BeforeEach
  void store() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.Long())
        .withLoggingDisabled().build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    for (int i = 0; i < 10; i++) {
      store.put("k" + i, (long) i);
    }
  }

  @Test
  void visitsAtMostOneBatchPerStepInKeyOrderAndWrapsRoundAtTheEnd() {
    ExpirySweep<Long> sweep = new ExpirySweep<>(4);
    List<String> seen = new ArrayList<>();
    assertThat(sweep.step(store, (k, v) -> seen.add(k))).isEqualTo(4);
    assertThat(sweep.step(store, (k, v) -> seen.add(k))).isEqualTo(4);
    assertThat(sweep.step(store, (k, v) -> seen.add(k))).isEqualTo(2);
    assertThat(seen).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
    seen.clear();
    sweep.step(store, (k, v) -> seen.add(k));
    assertThat(seen).containsExactly("k0", "k1", "k2", "k3");
  }

  @Test
  void theVisitorMayDeleteWhatItVisitsAndTheNextStepGoesOnFromWhereTheLastStopped() {
    ExpirySweep<Long> sweep = new ExpirySweep<>(3);
    ExpirySweep.Visitor<Long> dropEven = (k, v) -> {
      if (v % 2 == 0) {
        store.delete(k);
      }
    };
    for (int i = 0; i < 4; i++) {
      sweep.step(store, dropEven);
    }
    List<String> left = new ArrayList<>();
    try (var it = store.all()) {
      it.forEachRemaining(kv -> left.add(kv.key));
    }
    assertThat(left).containsExactly("k1", "k3", "k5", "k7", "k9");
  }

  @Test
  void anEmptyStoreIsAStepOfNothing() {
    KeyValueStore<String, Long> empty = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("e"),
        Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
    empty.init(new MockProcessorContext<>().getStateStoreContext(), empty);
    assertThat(new ExpirySweep<Long>(5).step(empty, (k, v) -> { })).isZero();
  }

  @Test
  void aBatchBelowOneIsRefused() {
    assertThatThrownBy(() -> new ExpirySweep<Long>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
