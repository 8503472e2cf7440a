package org.safehaven.generator.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void personIdsLookLikeSourceIdsAndNeverRepeat() {
    Ids ids = new Ids("");
    Set<String> seen = new HashSet<>();
    Forces.Force kent = Forces.bySlug("kent");
    for (int i = 0; i < 200_000; i++) {
      String p = ids.pncPerson();
      assertThat(p).matches("PNC-(19[789]\\d|20[01]\\d)/\\d{7}[A-Z]");
      assertThat(seen.add(p)).isTrue();
      String l = ids.localPerson(kent);
      assertThat(l).matches("KENT-P-\\d+");
      assertThat(seen.add(l)).isTrue();
    }
  }

  @Test
  void thePncCheckLetterFollowsTheYearAndSerial() {
    String id = new Ids("").pncPerson();
    int yy = Integer.parseInt(id.substring(6, 8));
    long serial = Long.parseLong(id.substring(9, 16));
    assertThat(id.charAt(16)).isEqualTo("ZABCDEFGHJKLMNPQRTUVWXY".charAt((int) ((yy * 10_000_000L + serial) % 23)));
  }

  @Test
  void aRunTagEndsEveryIdentifierAndEventIdsSortInCreationOrder() {
    Ids ids = new Ids("K3X9Q");
    Forces.Force met = Forces.bySlug("metropolitan");
    assertThat(ids.pncPerson()).endsWith("-K3X9Q");
    assertThat(ids.report(met, 2025)).isEqualTo("MET-2025-000001-K3X9Q");
    assertThat(ids.report(met, 2025)).isEqualTo("MET-2025-000002-K3X9Q");
    assertThat(ids.report(met, 2026)).isEqualTo("MET-2026-000001-K3X9Q");
    String previous = "";
    for (int i = 0; i < 1_050; i++) {
      String e = ids.event();
      assertThat(e).matches("ev-\\d{9}-K3X9Q").isGreaterThan(previous);
      previous = e;
    }
    assertThat(previous).isEqualTo("ev-000001050-K3X9Q");
    assertThat(ids.badEvent()).isEqualTo("ev-x00000001-K3X9Q");
  }

  @Test
  void tagsAreFiveUnambiguousCharacters() {
    for (long h = 0; h < 1000; h++) {
      assertThat(Ids.tagOf(h)).matches("[A-HJ-NP-Z2-9]{5}");
    }
  }
}
