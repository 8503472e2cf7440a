package org.safehaven.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Role;
import org.safehaven.schema.RoleHeld;

class StateSerdeTest {

  private static LineageRecord flow(int i) {
    List<RoleHeld> roles = new ArrayList<>();
    for (int r = 0; r < i % 4; r++) {
      roles.add(new RoleHeld("XX-2025-" + r, "force-" + r, Role.VICTIM, Offence.THEFT,
          Instant.ofEpochMilli(1_700_000_000_000L + r), null, null, List.of()));
    }
    return new LineageRecord("ev-" + i, FlowType.PNC_QUERY, "force", "person-" + i,
        Instant.ofEpochMilli(1_700_000_000_000L + i), null, PncReason.INTELLIGENCE, null, null, null, false, roles,
        false);
  }

  @Test
  void writesTheSameBytesAsAvrosSingleObjectEncoder() throws Exception {
    StateSerde<LineageRecord> serde = StateSerde.of(LineageRecord.class);
    BinaryMessageEncoder<LineageRecord> avro =
        new BinaryMessageEncoder<>(SpecificData.getForClass(LineageRecord.class), LineageRecord.getClassSchema());
    for (int i = 0; i < 10; i++) {
      ByteBuffer expected = avro.encode(flow(i));
      byte[] want = new byte[expected.remaining()];
      expected.get(want);
      assertThat(serde.serializer().serialize("t", flow(i))).containsExactly(want);
    }
  }

  @Test
  void recordsOfEverySizeReadBackEqualAcrossThreadsSharingOneSerde() throws Exception {
    StateSerde<LineageRecord> serde = StateSerde.of(LineageRecord.class);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            LineageRecord f = flow(i);
            if (!serde.deserializer().deserialize("t", serde.serializer().serialize("t", f)).equals(f)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(serde.serializer().serialize("t", null)).isNull();
  }
}
