package org.safehaven.generator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoTimeTest {

  @Test
  void formatsLikeInstantToStringForWholeSeconds() {
    IsoTime iso = new IsoTime();
    SplittableRandom r = new SplittableRandom(1);
    int mismatches = 0;
    for (int i = 0; i < 100_000; i++) {
      long s = r.nextLong(0, 253_402_300_799L);
      if (!iso.toString(s).equals(Instant.ofEpochSecond(s).toString())) {
        mismatches++;
      }
    }
    assertThat(mismatches).isZero();
    assertThat(iso.toString(0)).isEqualTo("1970-01-01T00:00:00Z");
  }
}
