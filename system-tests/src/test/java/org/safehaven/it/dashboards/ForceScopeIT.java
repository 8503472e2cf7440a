package org.safehaven.it.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.safehaven.schema.Alert;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/** What a force's token sees: its own alerts and trends, nothing of another force, live or listed. */
class ForceScopeIT {

  @RegisterExtension
  static final SignedIn session = new SignedIn("kent");

  @Test
  void forceTokenLandsOnItsOwnPageWithOnlyItsOwnAlertsAndTrends() {
    assertThat(session.browser().driver.getCurrentUrl()).endsWith("/force.html");
    for (String panel : List.of("panel-latest", "panel-alerts-time", "panel-flows", "panel-delays")) {
      session.browser().awaitLoaded(panel);
    }
    assertThat(session.browser().driver.findElement(By.id("force-title")).getText()).isEqualTo("Kent");
    assertThat(session.browser().driver.findElement(By.id("figure-alerts")).getText())
        .isEqualTo(String.valueOf(session.platform().alerts("kent")));
    List<WebElement> rows = session.browser().driver.findElements(By.cssSelector("#latest-table tbody tr"));
    assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getAttribute("data-force")).isEqualTo("kent"));
    // Navigation offers the force's own pages only.
    List<String> nav = session.browser().driver.findElements(By.cssSelector(".govuk-service-navigation__list a")).stream()
        .map(WebElement::getText).toList();
    assertThat(nav).containsExactly("Your force", "Live alerts", "Case lineage", "Sign out");
    session.browser().screenshot("force-kent");
    assertThat(session.browser().consoleProblems()).isEmpty();
  }

  @Test
  void forceFeedShowsItsOwnAlertsAndNotAnotherForcesLiveOnes() {
    session.browser().go("/alerts.html");
    session.browser().awaitLoaded("feed");
    session.browser().waitUntil(d -> "live".equals(d.findElement(By.id("live-status")).getAttribute("data-state")),
        Duration.ofSeconds(20));
    assertThat(session.browser().driver.findElements(By.cssSelector("#feed-table tbody tr")))
        .isNotEmpty().allSatisfy(r -> assertThat(r.getAttribute("data-force")).isEqualTo("kent"));
    assertThat(session.browser().driver.findElements(By.id("force"))).as("no force filter to widen").isEmpty();

    Alert essex = DashboardWorld.alert(Rule.DELAYED_SHARING, Severity.HIGH, "essex", "ev-scope-essex-" + System.nanoTime(),
        DashboardWorld.ref("scope-essex"), "ESSEX-2026-LIVE9", Instant.now().minusSeconds(3), 200L,
        Phase.WHILE_CASE_OPEN, Offence.ROBBERY, Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE);
    Alert kent = DashboardWorld.alert(Rule.PNC_IMMIGRATION_CHECK, Severity.CRITICAL, "kent",
        "ev-scope-kent-" + System.nanoTime(), DashboardWorld.ref("scope-kent"), "KENT-2026-LIVE9",
        Instant.now().minusSeconds(2), null, null, Offence.DOMESTIC_ABUSE, null, null);
    session.platform().raise(essex);
    session.platform().raise(kent);

    session.browser().waitFor(By.cssSelector("#feed-table tbody tr[data-alert-id='" + kent.getAlertId() + "']"));
    session.browser().waitUntil(d -> true, Duration.ofMillis(1500));
    assertThat(session.browser().driver.findElements(By.cssSelector("tr[data-alert-id='" + essex.getAlertId() + "']")))
        .as("another force's live alert never reaches a force's feed").isEmpty();
    assertThat(session.browser().driver.findElements(By.cssSelector("#feed-table tbody tr")))
        .allSatisfy(r -> assertThat(r.getAttribute("data-force")).isEqualTo("kent"));
    session.browser().screenshot("force-kent-live-feed");
  }

  @Test
  void forceTokenCannotOpenAnotherForcesPageOrLineage() {
    session.browser().go("/force.html?force=essex");
    WebElement error = session.browser().waitFor(By.cssSelector("#sh-errors .govuk-error-summary"));
    assertThat(error.getText()).contains("Your token gives access to Kent only.");
    assertThat(session.browser().driver.findElement(By.id("force-content")).isDisplayed()).isFalse();
    session.browser().screenshot("force-kent-asks-for-essex");

    session.browser().go("/lineage.html?report=" + DashboardWorld.ESSEX_REPORT);
    session.browser().waitUntil(d -> "not-found".equals(d.findElement(By.id("lineage-result")).getAttribute("data-loaded")),
        Duration.ofSeconds(20));
    assertThat(session.browser().driver.findElement(By.id("lineage-not-found")).getText())
        .isEqualTo("No lineage was found for this report.");
    assertThat(session.browser().driver.findElements(By.id("lineage-table"))).isEmpty();
    session.browser().screenshot("force-kent-asks-for-essex-lineage");

    session.browser().go("/lineage.html?person=" + DashboardWorld.ESSEX_VICTIM);
    session.browser().waitUntil(d -> "not-found".equals(d.findElement(By.id("lineage-result")).getAttribute("data-loaded")),
        Duration.ofSeconds(20));

    // The refusals are the server's, not the page's: the same token asking the API directly.
    @SuppressWarnings("unchecked")
    Map<String, Object> statuses = (Map<String, Object>) session.browser().jsAsync("""
        const done = arguments[arguments.length - 1];
        const auth = {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('safehaven.token')}};
        Promise.all([
          fetch('/api/v1/alerts?force=essex', auth).then(r => r.status),
          fetch('/api/v1/alerts/' + arguments[0], auth).then(r => r.status),
          fetch('/api/v1/lineage/' + arguments[1], auth).then(r => r.status),
          fetch('/api/v1/lineage/' + arguments[2], auth).then(r => r.status),
        ]).then(s => done({otherList: s[0], otherAlert: s[1], otherLineage: s[2], ownLineage: s[3]}));
        """, session.platform().world.essexChainAlertId, DashboardWorld.ESSEX_REPORT, DashboardWorld.KENT_REPORT);
    assertThat(statuses).containsEntry("otherList", 403L).containsEntry("otherAlert", 404L)
        .containsEntry("otherLineage", 404L).containsEntry("ownLineage", 200L);
  }
}
