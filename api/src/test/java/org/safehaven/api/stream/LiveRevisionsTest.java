package org.safehaven.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.safehaven.api.stream.LiveRevisions.Kind;

class LiveRevisionsTest {

  private static final Predicate<ObjectNode> EVERYTHING = a -> true;
  private static final Predicate<ObjectNode> KENT = a -> a.path("force").asText().equals("kent");
  private static final Predicate<ObjectNode> DELAYED = a -> a.path("rule").asText().equals("DELAYED_SHARING");

  private final LiveRevisions revisions = new LiveRevisions(100);

  private static ObjectNode alert(String force, String rule) {
    return JsonNodeFactory.instance.objectNode().put("force", force).put("rule", rule);
  }

  @Test
  void aNewAlertIsSentToTheClientsItsFiltersAdmit() {
    var news = revisions.accept("a", 1, false, alert("kent", "DELAYED_SHARING")).orElseThrow();
    assertThat(news.forClient(EVERYTHING)).isEqualTo(Kind.ALERT);
    assertThat(news.forClient(a -> a.path("force").asText().equals("essex"))).isEqualTo(Kind.NONE);
  }

  @Test
  void aReplayOrAnOlderRevisionArrivingLateIsNoNews() {
    revisions.accept("a", 1, false, alert("kent", "DELAYED_SHARING"));
    assertThat(revisions.accept("a", 1, false, alert("kent", "DELAYED_SHARING"))).as("replay").isEmpty();
    assertThat(revisions.accept("a", 3, false, alert("kent", "SHARED_AT_REPORT"))).isPresent();
    assertThat(revisions.accept("a", 2, false, alert("kent", "DELAYED_SHARING"))).as("2 after 3").isEmpty();
  }

  @Test
  void aCorrectionIsSentAsAnAlertToReplaceTheRowTheClientShows() {
    revisions.accept("a", 1, false, alert("kent", "DELAYED_SHARING"));
    var correction = revisions.accept("a", 2, false, alert("kent", "SHARED_AT_REPORT")).orElseThrow();
    assertThat(correction.forClient(KENT)).isEqualTo(Kind.ALERT);
  }

  @Test
  void aCorrectionThatLeavesAClientsFiltersRemovesTheAlertFromThatClientOnly() {
    revisions.accept("a", 1, false, alert("kent", "DELAYED_SHARING"));
    var correction = revisions.accept("a", 2, false, alert("kent", "SHARED_AT_REPORT")).orElseThrow();
    assertThat(correction.forClient(DELAYED)).as("it showed the DELAYED_SHARING revision").isEqualTo(Kind.REMOVE);
    assertThat(correction.forClient(a -> a.path("rule").asText().equals("PNC_IMMIGRATION_CHECK")))
        .as("never shown it").isEqualTo(Kind.NONE);
  }

  @Test
  void aWithdrawnAlertIsNeverSentAsAnAlertOnlyRemovedFromThoseWhoMayShowIt() {
    revisions.accept("a", 1, false, alert("kent", "SYSTEMATIC_DEFERRAL"));
    var withdrawal = revisions.accept("a", 2, true, alert("kent", "SYSTEMATIC_DEFERRAL")).orElseThrow();
    assertThat(withdrawal.forClient(KENT)).isEqualTo(Kind.REMOVE);
    assertThat(withdrawal.forClient(a -> a.path("force").asText().equals("essex"))).as("another force's client")
        .isEqualTo(Kind.NONE);
    var again = revisions.accept("a", 3, true, alert("kent", "SYSTEMATIC_DEFERRAL")).orElseThrow();
    assertThat(again.forClient(KENT)).as("already removed").isEqualTo(Kind.NONE);
  }

  @Test
  void aWithdrawalOfAnAlertThisStreamNeverSentIsARemovalForClientsWhoseFiltersMatchIt() {
    var withdrawal = revisions.accept("b", 2, true, alert("kent", "SYSTEMATIC_DEFERRAL")).orElseThrow();
    assertThat(withdrawal.forClient(KENT)).as("it may hold it from the alert list").isEqualTo(Kind.REMOVE);
    assertThat(withdrawal.forClient(a -> a.path("force").asText().equals("essex"))).isEqualTo(Kind.NONE);
  }

  @Test
  void anAlertReinstatedAfterAWithdrawalIsSentAgain() {
    revisions.accept("a", 1, false, alert("kent", "SYSTEMATIC_DEFERRAL"));
    revisions.accept("a", 2, true, alert("kent", "SYSTEMATIC_DEFERRAL"));
    assertThat(revisions.accept("a", 3, false, alert("kent", "SYSTEMATIC_DEFERRAL")).orElseThrow().forClient(KENT))
        .isEqualTo(Kind.ALERT);
  }
}
