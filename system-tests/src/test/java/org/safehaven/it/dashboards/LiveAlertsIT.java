package org.safehaven.it.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/**
 * The live alert feed: alerts raised on the real alerts topic after the page loaded reach it over SSE, and
 * their corrections replace them.
 */
class LiveAlertsIT {

  @RegisterExtension
  static final SignedIn session = new SignedIn("oversight");

  private void openFeed(String query) {
    session.browser().go("/alerts.html" + query);
    session.browser().awaitLoaded("feed");
    session.browser().waitUntil(d -> "live".equals(d.findElement(By.id("live-status")).getAttribute("data-state")),
        Duration.ofSeconds(20));
    session.browser().js("window.__sameDocument = 'yes';");
  }

  @Test
  void alertRaisedAfterThePageLoadedAppearsWithoutAReload() {
    openFeed("");
    int rowsBefore = session.browser().driver.findElements(By.cssSelector("#feed-table tbody tr")).size();
    assertThat(rowsBefore).as("the feed starts with the latest alerts").isPositive();

    Alert alert = DashboardWorld.alert(Rule.DELAYED_SHARING, Severity.CRITICAL, "kent", "ev-live-feed-" + System.nanoTime(),
        DashboardWorld.ref("live-feed"), "KENT-2026-LIVE1", Instant.now().minusSeconds(2), 900L,
        Phase.WHILE_CASE_OPEN, Offence.SEXUAL_OFFENCE, Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE);
    session.platform().raise(alert);

    WebElement row = session.browser().waitFor(By.cssSelector("#feed-table tbody tr[data-alert-id='" + alert.getAlertId() + "']"));
    List<WebElement> rows = session.browser().driver.findElements(By.cssSelector("#feed-table tbody tr"));
    assertThat(rows.get(0).getAttribute("data-alert-id")).as("the new alert is on top").isEqualTo(alert.getAlertId());
    assertThat(rows).hasSize(rowsBefore + 1);
    assertThat(row.getAttribute("class")).contains("sh-new");
    assertThat(session.browser().text(row)).contains("Delayed sharing", "Critical", "Kent", "Immigration Enforcement",
        "37 days 12 hours");
    assertThat(session.browser().driver.findElement(By.id("live-count")).getText()).startsWith("1 new alert");
    assertThat(session.browser().text(session.browser().driver.findElement(By.id("live-announcer"))))
        .isEqualTo("New alert: Delayed sharing, critical, Kent.");
    assertThat(session.browser().js("return window.__sameDocument;")).as("the page was not reloaded").isEqualTo("yes");
    session.browser().screenshot("alerts-live-feed");
    assertThat(session.browser().consoleProblems()).isEmpty();
  }

  @Test
  void aCorrectionReplacesTheAlertsRowAndAWithdrawalTakesItOffTheFeed() {
    openFeed("");
    Alert alert = DashboardWorld.alert(Rule.DELAYED_SHARING, Severity.HIGH, "essex", "ev-live-corrected-" + System.nanoTime(),
        DashboardWorld.ref("live-corrected"), "ESSEX-2026-LIVE-OLD", Instant.now().minusSeconds(3), 300L,
        Phase.WHILE_CASE_OPEN, Offence.ROBBERY, Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE);
    session.platform().raise(alert);
    By row = By.cssSelector("#feed-table tbody tr[data-alert-id='" + alert.getAlertId() + "']");
    session.browser().waitFor(row);
    int rowsBefore = session.browser().driver.findElements(By.cssSelector("#feed-table tbody tr")).size();

    // A closer report turns the delayed sharing into sharing at report: the same alert, revision 2.
    Alert corrected = Alert.newBuilder(alert).setRevision(2).setRule(Rule.SHARED_AT_REPORT).setSeverity(Severity.CRITICAL)
        .setReportId("ESSEX-2026-LIVE-NEW").setDelayHours(null).setPhase(null)
        .setDetectedAt(alert.getDetectedAt().plusSeconds(60)).build();
    session.platform().raise(corrected);
    session.browser().waitUntil(d -> "2".equals(d.findElement(row).getAttribute("data-revision")), Duration.ofSeconds(30));
    assertThat(session.browser().driver.findElements(row)).as("one row for the alert, not two").hasSize(1);
    assertThat(session.browser().driver.findElements(By.cssSelector("#feed-table tbody tr"))).hasSize(rowsBefore);
    WebElement replaced = session.browser().driver.findElement(row);
    assertThat(replaced.getAttribute("data-rule")).isEqualTo("SHARED_AT_REPORT");
    assertThat(session.browser().text(replaced)).contains("Critical", "ESSEX-2026-LIVE-NEW").doesNotContain("LIVE-OLD");
    assertThat(session.browser().text(session.browser().driver.findElement(By.id("live-announcer"))))
        .startsWith("Alert corrected:");

    Alert withdrawn = Alert.newBuilder(corrected).setRevision(3).setWithdrawn(true)
        .setDetectedAt(corrected.getDetectedAt().plusSeconds(60)).build();
    session.platform().raise(withdrawn);
    session.browser().waitUntil(d -> d.findElements(row).isEmpty(), Duration.ofSeconds(30));
    assertThat(session.browser().text(session.browser().driver.findElement(By.id("live-announcer"))))
        .isEqualTo("An alert was withdrawn.");
    assertThat(session.browser().js("return window.__sameDocument;")).as("the page was not reloaded").isEqualTo("yes");
    assertThat(session.browser().consoleProblems()).isEmpty();
  }

  @Test
  void feedFiltersApplyToLiveAlertsToo() {
    openFeed("?rule=PNC_IMMIGRATION_CHECK");
    List<WebElement> rows = session.browser().driver.findElements(By.cssSelector("#feed-table tbody tr"));
    assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getAttribute("data-rule")).isEqualTo("PNC_IMMIGRATION_CHECK"));
    assertThat(session.browser().driver.findElement(By.id("rule-PNC_IMMIGRATION_CHECK")).isSelected()).isTrue();

    Alert other = DashboardWorld.alert(Rule.SHARED_AT_REPORT, Severity.HIGH, "essex", "ev-live-filtered-out-" + System.nanoTime(),
        DashboardWorld.ref("live-filtered-out"), "ESSEX-2026-LIVE2", Instant.now().minusSeconds(2), null, null,
        Offence.ROBBERY, Recipient.BORDER_FORCE, Channel.NCCU_EMAIL);
    Alert wanted = DashboardWorld.alert(Rule.PNC_IMMIGRATION_CHECK, Severity.HIGH, "west-midlands",
        "ev-live-filtered-in-" + System.nanoTime(), DashboardWorld.ref("live-filtered-in"), "WM-2026-LIVE3",
        Instant.now().minusSeconds(1), null, null, Offence.HATE_CRIME, null, null);
    session.platform().raise(other);
    session.platform().raise(wanted);

    session.browser().waitFor(By.cssSelector("#feed-table tbody tr[data-alert-id='" + wanted.getAlertId() + "']"));
    session.browser().waitUntil(d -> true, Duration.ofMillis(1500));
    assertThat(session.browser().driver.findElements(By.cssSelector("tr[data-alert-id='" + other.getAlertId() + "']")))
        .as("an alert of another rule is not streamed to this filter").isEmpty();
    assertThat(session.browser().js("return window.__sameDocument;")).isEqualTo("yes");
    session.browser().screenshot("alerts-filtered-live-feed");
  }
}
