package org.safehaven.it.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.safehaven.schema.Alert;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Rule;

/** The national overview, signed in as oversight, on the real platform with the known world. */
class OverviewIT {

  @RegisterExtension
  static final SignedIn session = new SignedIn("oversight");

  private static final List<String> PANELS = List.of("panel-latest", "panel-alerts-time", "panel-flows",
      "panel-ranking", "panel-delays");

  @Test
  void overviewRendersAlertsByRuleFlowsRankingAndDelaysWithData() {
    session.browser().go("/overview.html");
    PANELS.forEach(session.browser()::awaitLoaded);
    DashboardWorld world = session.platform().world;

    long disclosures = world.flows.stream().filter(f -> f.getFlowType() == FlowType.DISCLOSURE
        && f.getImmigrationRecipient()).count();
    long checks = world.flows.stream().filter(f -> f.getFlowType() == FlowType.PNC_QUERY).count();
    assertThat(session.browser().driver.findElement(By.id("figure-alerts")).getText()).isEqualTo(String.valueOf(session.platform().alerts(null)));
    assertThat(session.browser().driver.findElement(By.id("figure-disclosures")).getText()).isEqualTo(String.valueOf(disclosures));
    assertThat(session.browser().driver.findElement(By.id("figure-checks")).getText()).isEqualTo(String.valueOf(checks));

    // Alerts by rule over time: drawn, and its description and table count every alert.
    WebElement chart = session.browser().driver.findElement(By.id("chart-alerts-time"));
    assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
    // One set of numbers: the chart counts what the alert list holds (the metrics documents carry no alert
    // counts; the API counts the alerts index), live alerts raised by other tests included.
    assertThat(chart.getAttribute("aria-label")).contains(session.platform().alerts(null) + " alerts");

    // Forces ranked by breaches (the same counts), most first, each force linked.
    List<WebElement> ranking = session.browser().driver.findElements(By.cssSelector("#table-ranking tbody tr"));
    assertThat(ranking).hasSize(4);
    assertThat(session.browser().text(ranking.get(0))).startsWith("1 Kent")
        .endsWith(" " + session.platform().alerts("kent"));
    assertThat(session.browser().text(ranking.get(1))).startsWith("2 Metropolitan Police")
        .endsWith(" " + session.platform().alerts("metropolitan"));
    assertThat(session.browser().text(ranking.get(2))).startsWith("3 Essex")
        .endsWith(" " + session.platform().alerts("essex"));
    assertThat(session.browser().text(ranking.get(3))).startsWith("4 West Midlands")
        .endsWith(" " + session.platform().alerts("west-midlands"));
    assertThat(ranking.get(0).findElement(By.tagName("a")).getAttribute("href")).endsWith("/force.html?force=kent");

    // Flows to immigration recipients per force: kent's 18 disclosures and 12 immigration checks.
    WebElement kentFlows = session.browser().driver.findElements(By.cssSelector("#table-flows tbody tr")).stream()
        .filter(r -> session.browser().text(r).startsWith("Kent")).findFirst().orElseThrow();
    assertThat(session.browser().text(kentFlows)).isEqualTo("Kent 15 3 0 18 12");

    // Delayed sharing: the count per phase, as the world has them.
    List<Alert> all = java.util.stream.Stream.concat(world.alerts.stream(), session.platform().raised().stream()).toList();
    long open = all.stream().filter(a -> a.getRule() == Rule.DELAYED_SHARING
        && a.getPhase() == Phase.WHILE_CASE_OPEN).count();
    long closed = all.stream().filter(a -> a.getRule() == Rule.DELAYED_SHARING
        && a.getPhase() == Phase.AFTER_CASE_CLOSED).count();
    List<WebElement> phases = session.browser().driver.findElements(By.cssSelector("#table-delay-percentiles tbody tr"));
    assertThat(session.browser().text(phases.get(0))).startsWith("While the case was open " + open + " ");
    assertThat(session.browser().text(phases.get(1))).startsWith("After the case closed " + closed + " ");
    assertThat(session.browser().driver.findElement(By.id("chart-delays")).findElements(By.tagName("canvas"))).isNotEmpty();

    assertThat(session.browser().fitsWidth()).as("no sideways scrolling at 1280x800").isTrue();
    session.browser().screenshot("overview-1280x800");
    assertThat(session.browser().consoleProblems()).isEmpty();
  }

  @Test
  void choosingAnotherPeriodRedrawsTheOverviewForIt() {
    session.browser().go("/overview.html?period=30d");
    PANELS.forEach(session.browser()::awaitLoaded);
    new Select(session.browser().driver.findElement(By.id("period-select"))).selectByValue("7d");
    session.browser().driver.findElement(By.cssSelector("#period-form button[type=submit]")).click();
    PANELS.forEach(session.browser()::awaitLoaded);

    Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).minus(Duration.ofDays(7));
    long inWeek = java.util.stream.Stream.concat(session.platform().world.alerts.stream(), session.platform().raised().stream())
        .filter(a -> !a.getEventTime().isBefore(from)).count();
    assertThat(inWeek).as("the world has alerts both in and before the last 7 days")
        .isPositive().isLessThan(session.platform().alerts(null));
    session.browser().waitUntil(d -> d.findElement(By.id("figure-alerts")).getText().equals(String.valueOf(inWeek)),
        Duration.ofSeconds(20));
    assertThat(session.browser().driver.getCurrentUrl()).endsWith("period=7d");
    assertThat(session.browser().driver.findElement(By.cssSelector("#figures .sh-figure__label")).getText())
        .contains("last 7 days");
    session.browser().screenshot("overview-last-7-days");
  }

  @Test
  void overviewCountsANewAlertLiveWithoutAReload() {
    session.browser().go("/overview.html");
    PANELS.forEach(session.browser()::awaitLoaded);
    session.browser().waitUntil(d -> "live".equals(d.findElement(By.id("live-status")).getAttribute("data-state")),
        Duration.ofSeconds(20));
    int before = Integer.parseInt(session.browser().driver.findElement(By.id("figure-alerts")).getText());
    session.browser().js("window.__sameDocument = 'yes';");

    Alert alert = DashboardWorld.alert(Rule.SHARED_AT_REPORT, org.safehaven.schema.Severity.CRITICAL, "metropolitan",
        "ev-live-overview-" + System.nanoTime(), DashboardWorld.ref("live-overview"), "MET-2026-LIVE1",
        Instant.now().minusSeconds(5), null, null, org.safehaven.schema.Offence.MODERN_SLAVERY,
        org.safehaven.schema.Recipient.BORDER_FORCE, org.safehaven.schema.Channel.NCCU_EMAIL);
    session.platform().raise(alert);

    session.browser().waitUntil(d -> d.findElement(By.id("figure-alerts")).getText().equals(String.valueOf(before + 1)),
        Duration.ofSeconds(30));
    WebElement row = session.browser().waitFor(By.cssSelector("#latest-table tr[data-alert-id='" + alert.getAlertId() + "']"));
    assertThat(row.getAttribute("class")).contains("sh-new");
    assertThat(session.browser().text(row)).contains("Shared at report", "Metropolitan Police");
    assertThat(session.browser().driver.findElement(By.id("live-count")).getText()).startsWith("1 new alert");
    assertThat(session.browser().js("return window.__sameDocument;")).as("the page was not reloaded").isEqualTo("yes");
    session.browser().screenshot("overview-live-alert");
  }

  @Test
  void overviewIsUsableOnANarrowScreen() {
    session.browser().resize(390, 844);
    try {
      session.browser().go("/overview.html");
      PANELS.forEach(session.browser()::awaitLoaded);
      assertThat(session.browser().fitsWidth()).as("no sideways scrolling of the page at 390px").isTrue();
      assertThat(session.browser().driver.findElement(By.id("chart-ranking")).getSize().getWidth()).isLessThanOrEqualTo(390);
      session.browser().screenshot("overview-narrow-390");
    } finally {
      session.browser().resize(1280, 800);
    }
  }
}
