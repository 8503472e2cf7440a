package org.safehaven.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.safehaven.api.http.ApiException;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.id.ForceId;

class CallerTest {

  private static final ForceId KENT = ForceId.of("kent");
  private static final ForceId ESSEX = ForceId.of("essex");

  @Test
  void oversightSeesEverythingUnsuppressed() {
    Caller c = new Caller(AccessRole.OVERSIGHT);
    assertThatCode(c::requireCaseLevel).doesNotThrowAnyException();
    assertThat(c.scope(Set.of())).isEmpty();
    assertThat(c.scope(Set.of(ESSEX))).containsExactly(ESSEX);
    assertThat(c.suppressSmallCounts()).isFalse();
  }

  @Test
  void aForceIsConfinedToItselfAndForbiddenToNameAnother() {
    Caller c = new Caller(AccessRole.force(KENT));
    assertThat(c.scope(Set.of())).containsExactly(KENT);
    assertThat(c.scope(Set.of(KENT))).containsExactly(KENT);
    assertThat(c.confinedTo()).contains(KENT);
    assertThatThrownBy(() -> c.scope(Set.of(KENT, ESSEX))).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void researchersGetAggregatesOnlyWithSuppression() {
    Caller c = new Caller(AccessRole.RESEARCHER);
    assertThat(c.suppressSmallCounts()).isTrue();
    assertThatCode(c::requireAggregates).doesNotThrowAnyException();
    assertThatThrownBy(c::requireCaseLevel).isInstanceOfSatisfying(ApiException.class,
        e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void theOperatorTokenReadsNothing() {
    Caller c = new Caller(AccessRole.OPERATOR);
    assertThatThrownBy(c::requireAggregates).isInstanceOf(ApiException.class);
    assertThatThrownBy(c::requireCaseLevel).isInstanceOf(ApiException.class);
  }
}
