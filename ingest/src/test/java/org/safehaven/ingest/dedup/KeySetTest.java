package org.safehaven.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeySetTest {

  @Test
  void behavesAsASetUnderRandomAddsAndRemovesThroughSeveralGrowths() {
    KeySet set = new KeySet();
    Set<ByteBuffer> model = new HashSet<>();
    List<byte[]> known = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int step = 0; step < 300_000; step++) {
      int op = random.nextInt(10);
      byte[] key = op < 5 || known.isEmpty() ? newKey(random) : known.get(random.nextInt(known.size()));
      if (op < 7) {
        assertThat(set.add(key)).isEqualTo(model.add(ByteBuffer.wrap(key)));
        known.add(key);
      } else if (op < 9) {
        assertThat(set.remove(key)).isEqualTo(model.remove(ByteBuffer.wrap(key)));
      } else {
        assertThat(set.contains(key)).isEqualTo(model.contains(ByteBuffer.wrap(key)));
      }
      if (known.size() > 50_000) {
        known.subList(0, 25_000).clear();
      }
    }
    assertThat(set.size()).isEqualTo(model.size()).isGreaterThan(1 << 14); // grew past its first table
    for (ByteBuffer k : model) {
      assertThat(set.contains(k.array())).isTrue();
    }
  }

  @Test
  void keysSharingAHomeSlotStayFindableWhateverIsRemovedBetweenThem() {
    // The same first eight bytes (little-endian 0x3fff: the last slot of the first table): one home slot,
    // one long probe run, which wraps past the table's end.
    KeySet set = new KeySet();
    List<byte[]> run = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] k = new byte[32];
      k[0] = (byte) 0xff;
      k[1] = 0x3f;
      ByteBuffer.wrap(k).putInt(16, i);
      run.add(k);
      assertThat(set.add(k)).isTrue();
    }
    for (int i = 0; i < 200; i += 3) {
      assertThat(set.remove(run.get(i))).isTrue();
    }
    for (int i = 0; i < 200; i++) {
      assertThat(set.contains(run.get(i))).as("key %d", i).isEqualTo(i % 3 != 0);
    }
    assertThat(set.size()).isEqualTo(200 - 67);
  }

  @Test
  void theAllZeroKeyIsAKeyLikeAnyOther() {
    KeySet set = new KeySet();
    byte[] zero = new byte[32];
    assertThat(set.contains(zero)).isFalse();
    assertThat(set.add(zero)).isTrue();
    assertThat(set.add(zero)).isFalse();
    assertThat(set.contains(zero)).isTrue();
    assertThat(set.size()).isEqualTo(1);
    assertThat(set.remove(zero)).isTrue();
    assertThat(set.remove(zero)).isFalse();
    assertThat(set.size()).isZero();
  }

  @Test
  void aKeyOfAnotherLengthIsRefused() {
    assertThatThrownBy(() -> new KeySet().add(new byte[31])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  private static byte[] newKey(SplittableRandom random) {
    byte[] k = new byte[32];
    random.nextBytes(k);
    return k;
  }
}
