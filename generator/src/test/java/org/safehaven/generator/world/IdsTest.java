package org.safehaven.generator.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void personIdsLookLikeSourceIdsAndNeverRepeat() {
    Ids ids = new Ids("");
    Set<String> seen = new HashSet<>();
    Forces.Force kent = Forces.bySlug("kent");
    Pattern pnc = Pattern.compile("PNC-(19[789]\\d|20[01]\\d)/\\d{7}[A-Z]");
    Pattern local = Pattern.compile("KENT-P-\\d+");
    int malformed = 0;
    int repeated = 0;
    for (int i = 0; i < 100_000; i++) {
      String p = ids.pncPerson();
      String l = ids.localPerson(kent);
      malformed += (pnc.matcher(p).matches() ? 0 : 1) + (local.matcher(l).matches() ? 0 : 1);
      repeated += (seen.add(p) ? 0 : 1) + (seen.add(l) ? 0 : 1);
    }
    assertThat(malformed).isZero();
    assertThat(repeated).isZero();
    assertThat(seen).hasSize(200_000);
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
