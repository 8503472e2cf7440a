package org.safehaven.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void knowsTheFortyThreeTerritorialForcesAndBtp() {
    assertThat(ForceId.SLUGS).hasSize(44).contains("kent", "metropolitan", "btp", "dyfed-powys");
    assertThat(new ForceId("kent").slug()).isEqualTo("kent");
  }

  @Test
  void refusesAnUnknownForceWithoutEchoingArbitraryInput() {
    assertThatThrownBy(() -> new ForceId("police-scotland"))
        .hasMessageContaining("'police-scotland' is not a force");
    assertThatThrownBy(() -> new ForceId("PNC-1999/0123456A"))
        .hasMessageNotContaining("0123456A")
        .hasMessageContaining("not a force");
  }

  @Test
  void personRefMustBeAPseudonymNotARawIdentifier() {
    assertThat(PersonRef.isWellFormed("ph_" + "a".repeat(64))).isTrue();
    assertThatThrownBy(() -> new PersonRef("PNC-1999/0123456A"))
        .hasMessageNotContaining("0123456A");
  }

  @Test
  void eventIdIsBoundedPrintableAscii() {
    assertThat(new EventId("e-1").value()).isEqualTo("e-1");
    assertThatThrownBy(() -> new EventId("has space")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EventId("x".repeat(129))).isInstanceOf(IllegalArgumentException.class);
  }
}
