package org.safehaven.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.safehaven.core.id.ForceId;
import org.safehaven.schema.Rule;

class ParamsTest {

  private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Set<String> DECLARED = Set.of("force", "rule", "from", "to", "page", "size", "groupBy");

  private static Params params(Map<String, List<String>> values) {
    return Params.of(values, DECLARED);
  }

  private static ApiException badRequest(Runnable r) {
    try {
      r.run();
    } catch (ApiException e) {
      assertThat(e.status()).isEqualTo(400);
      return e;
    }
    throw new AssertionError("expected a 400");
  }

  @Test
  void unknownParameterIsRefusedNamingTheAcceptedOnes() {
    ApiException e = badRequest(() -> params(Map.of("forse", List.of("kent"))));
    assertThat(e.getMessage()).contains("'forse'").contains("force, from, groupBy, page, rule, size, to");
  }

  @Test
  void unknownParameterWithAnOddNameIsNotEchoed() {
    ApiException e = badRequest(() -> params(Map.of("{\"script\":1}", List.of("x"))));
    assertThat(e.getMessage()).doesNotContain("script").contains("unknown parameter a parameter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"match_all\":{}}", "kent OR 1=1", "*", "kent\" }", "ctx._source.force='x'",
      "Kent", "PNC-1999/0123456A", "<script>", "kent;essex"})
  void forceValuesOutsideTheListAreRefusedWithoutEchoingThem(String hostile) {
    ApiException e = badRequest(() -> params(Map.of("force", List.of(hostile))).forces("force"));
    assertThat(e.getMessage()).doesNotContain(hostile).contains("data.police.uk slug");
  }

  @ParameterizedTest
  @ValueSource(strings = {"delayed_sharing", "DELAYED_SHARING\"", "{\"script\":{\"source\":\"1\"}}", "RULE"})
  void enumerationsMustBeSpelledExactly(String hostile) {
    ApiException e = badRequest(() -> params(Map.of("rule", List.of(hostile))).enums("rule", Rule.class));
    assertThat(e.getMessage()).contains("PNC_IMMIGRATION_CHECK, SHARED_AT_REPORT, DELAYED_SHARING, SYSTEMATIC_DEFERRAL")
        .doesNotContain(hostile);
  }

  @Test
  void listsTakeRepeatsAndCommas() {
    Params p = params(Map.of("force", List.of("kent,essex", "btp"), "rule", List.of("DELAYED_SHARING")));
    assertThat(p.forces("force")).containsExactly(ForceId.of("kent"), ForceId.of("essex"), ForceId.of("btp"));
    assertThat(p.enums("rule", Rule.class)).containsExactly(Rule.DELAYED_SHARING);
  }

  @Test
  void aSingleValuedParameterGivenTwiceIsRefused() {
    badRequest(() -> params(Map.of("from", List.of("2026-01-01", "2026-02-01"))).range(3660, NOW));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13-01", "yesterday", "2026-05-01T25:00:00Z", "1e9", "2026-05-01T09:30:00",
      "0001-01-01", "+999999999-12-31T23:59:59Z", "{\"gte\":\"now\"}"})
  void malformedOrOutlandishDatesAreRefused(String hostile) {
    ApiException e = badRequest(() -> params(Map.of("from", List.of(hostile))).range(3660, NOW));
    assertThat(e.getMessage()).doesNotContain(hostile);
  }

  @Test
  void datesAndInstantsBothParseAndToIsExclusive() {
    TimeRange r = params(Map.of("from", List.of("2026-05-01"), "to", List.of("2026-05-02T12:00:00+01:00")))
        .range(3660, NOW);
    assertThat(r.from()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(r.to()).isEqualTo(Instant.parse("2026-05-02T11:00:00Z"));
  }

  @Test
  void aMissingRangeIsTheLastMaxDaysUpToNow() {
    TimeRange r = params(Map.of()).range(30, NOW);
    assertThat(r.to()).isEqualTo(NOW.instant());
    assertThat(r.from()).isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));
  }

  @Test
  void hugeAndBackwardRangesAreRefused() {
    assertThat(badRequest(() -> params(Map.of("from", List.of("1970-01-01"), "to", List.of("2099-12-31")))
        .range(3660, NOW)).getMessage()).contains("at most 3660 days");
    assertThat(badRequest(() -> params(Map.of("from", List.of("2026-05-02"), "to", List.of("2026-05-01")))
        .range(3660, NOW)).getMessage()).contains("before");
    badRequest(() -> params(Map.of("to", List.of("2150-01-01"))).range(3660, NOW));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "501", "-1", "abc", "99999999999", "1.5", "1e3"})
  void pageSizesOutsideTheirBoundsAreRefused(String size) {
    badRequest(() -> params(Map.of("size", List.of(size))).page(500, 50));
  }

  @Test
  void pagesPastTheResultWindowAreRefused() {
    assertThat(params(Map.of("page", List.of("19"), "size", List.of("500"))).page(500, 50).from()).isEqualTo(9500);
    badRequest(() -> params(Map.of("page", List.of("20"), "size", List.of("500"))).page(500, 50));
  }

  @Test
  void overlongValuesAreRefused() {
    badRequest(() -> params(Map.of("force", List.of("k".repeat(201)))));
  }

  enum Dim { FORCE, MONTH }

  @Test
  void groupByIsCaseInsensitiveOrderedAndWithoutRepeats() {
    assertThat(params(Map.of("groupBy", List.of("month,force"))).groupBy("groupBy", Dim.class, Dim.FORCE))
        .containsExactly(Dim.MONTH, Dim.FORCE);
    assertThat(params(Map.of()).groupBy("groupBy", Dim.class, Dim.FORCE)).containsExactly(Dim.FORCE);
    assertThat(badRequest(() -> params(Map.of("groupBy", List.of("personRef"))).groupBy("groupBy", Dim.class,
        Dim.FORCE)).getMessage()).contains("force, month");
    badRequest(() -> params(Map.of("groupBy", List.of("force,FORCE"))).groupBy("groupBy", Dim.class, Dim.FORCE));
  }

  @Test
  void readingAnUndeclaredParameterIsAProgrammingError() {
    assertThatThrownBy(() -> params(Map.of()).single("offence")).isInstanceOf(IllegalStateException.class);
  }
}
