package org.safehaven.it.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.safehaven.schema.Alert;
import org.safehaven.schema.FlowType;
import org.safehaven.schema.Phase;
import org.safehaven.schema.Rule;

/** The national overview, signed in as oversight, on the real platform with the known world. */
@ExtendWith(DashboardPlatform.Shared.class)
class OverviewIT {

  private static DashboardPlatform platform;
  private static Browser browser;

  @BeforeAll
  static void open() {
    platform = DashboardPlatform.get();
    browser = Browser.open(platform.url(), 1280, 800);
    browser.signIn(platform.tokens.get("oversight"));
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
  }

  private static final List<String> PANELS = List.of("panel-latest", "panel-alerts-time", "panel-flows",
      "panel-ranking", "panel-delays");

  @Test
  void overviewRendersAlertsByRuleFlowsRankingAndDelaysWithData() {
    browser.go("/overview.html");
    PANELS.forEach(browser::awaitLoaded);
    DashboardWorld world = platform.world;

    long disclosures = world.flows.stream().filter(f -> f.getFlowType() == FlowType.DISCLOSURE
        && f.getImmigrationRecipient()).count();
    long checks = world.flows.stream().filter(f -> f.getFlowType() == FlowType.PNC_QUERY).count();
    assertThat(browser.driver.findElement(By.id("figure-alerts")).getText()).isEqualTo(String.valueOf(platform.alerts(null)));
    assertThat(browser.driver.findElement(By.id("figure-disclosures")).getText()).isEqualTo(String.valueOf(disclosures));
    assertThat(browser.driver.findElement(By.id("figure-checks")).getText()).isEqualTo(String.valueOf(checks));

    // Alerts by rule over time: drawn, and its description and table count every alert.
    WebElement chart = browser.driver.findElement(By.id("chart-alerts-time"));
    assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
    assertThat(chart.getAttribute("aria-label")).contains(world.alerts.size() + " alerts");

    // Forces ranked by breaches (from the daily metrics: the world's counts), most first, each force linked.
    List<WebElement> ranking = browser.driver.findElements(By.cssSelector("#table-ranking tbody tr"));
    assertThat(ranking).hasSize(4);
    assertThat(browser.text(ranking.get(0))).startsWith("1 Kent").endsWith(" 18");
    assertThat(browser.text(ranking.get(1))).startsWith("2 Metropolitan Police").endsWith(" 12");
    assertThat(browser.text(ranking.get(2))).startsWith("3 Essex").endsWith(" 4");
    assertThat(browser.text(ranking.get(3))).startsWith("4 West Midlands").endsWith(" 3");
    assertThat(ranking.get(0).findElement(By.tagName("a")).getAttribute("href")).endsWith("/force.html?force=kent");

    // Flows to immigration recipients per force: kent's 18 disclosures and 12 immigration checks.
    WebElement kentFlows = browser.driver.findElements(By.cssSelector("#table-flows tbody tr")).stream()
        .filter(r -> browser.text(r).startsWith("Kent")).findFirst().orElseThrow();
    assertThat(browser.text(kentFlows)).isEqualTo("Kent 15 3 0 18 12");

    // Delayed sharing: the count per phase, as the world has them.
    List<Alert> all = java.util.stream.Stream.concat(world.alerts.stream(), platform.raised().stream()).toList();
    long open = all.stream().filter(a -> a.getRule() == Rule.DELAYED_SHARING
        && a.getPhase() == Phase.WHILE_CASE_OPEN).count();
    long closed = all.stream().filter(a -> a.getRule() == Rule.DELAYED_SHARING
        && a.getPhase() == Phase.AFTER_CASE_CLOSED).count();
    List<WebElement> phases = browser.driver.findElements(By.cssSelector("#table-delay-percentiles tbody tr"));
    assertThat(browser.text(phases.get(0))).startsWith("While the case was open " + open + " ");
    assertThat(browser.text(phases.get(1))).startsWith("After the case closed " + closed + " ");
    assertThat(browser.driver.findElement(By.id("chart-delays")).findElements(By.tagName("canvas"))).isNotEmpty();

    assertThat(browser.fitsWidth()).as("no sideways scrolling at 1280x800").isTrue();
    browser.screenshot("overview-1280x800");
    assertThat(browser.consoleProblems()).isEmpty();
  }

  @Test
  void choosingAnotherPeriodRedrawsTheOverviewForIt() {
    browser.go("/overview.html?period=30d");
    PANELS.forEach(browser::awaitLoaded);
    new Select(browser.driver.findElement(By.id("period-select"))).selectByValue("7d");
    browser.driver.findElement(By.cssSelector("#period-form button[type=submit]")).click();
    PANELS.forEach(browser::awaitLoaded);

    Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).minus(Duration.ofDays(7));
    long inWeek = java.util.stream.Stream.concat(platform.world.alerts.stream(), platform.raised().stream())
        .filter(a -> !a.getEventTime().isBefore(from)).count();
    assertThat(inWeek).as("the world has alerts both in and before the last 7 days")
        .isPositive().isLessThan(platform.alerts(null));
    browser.waitUntil(d -> d.findElement(By.id("figure-alerts")).getText().equals(String.valueOf(inWeek)),
        Duration.ofSeconds(20));
    assertThat(browser.driver.getCurrentUrl()).endsWith("period=7d");
    assertThat(browser.driver.findElement(By.cssSelector("#figures .sh-figure__label")).getText())
        .contains("last 7 days");
    browser.screenshot("overview-last-7-days");
  }

  @Test
  void overviewCountsANewAlertLiveWithoutAReload() {
    browser.go("/overview.html");
    PANELS.forEach(browser::awaitLoaded);
    browser.waitUntil(d -> "live".equals(d.findElement(By.id("live-status")).getAttribute("data-state")),
        Duration.ofSeconds(20));
    int before = Integer.parseInt(browser.driver.findElement(By.id("figure-alerts")).getText());
    browser.js("window.__sameDocument = 'yes';");

    Alert alert = DashboardWorld.alert(Rule.SHARED_AT_REPORT, org.safehaven.schema.Severity.CRITICAL, "metropolitan",
        "ev-live-overview-" + System.nanoTime(), DashboardWorld.ref("live-overview"), "MET-2026-LIVE1",
        Instant.now().minusSeconds(5), null, null, org.safehaven.schema.Offence.MODERN_SLAVERY,
        org.safehaven.schema.Recipient.BORDER_FORCE, org.safehaven.schema.Channel.NCCU_EMAIL);
    platform.raise(alert);

    browser.waitUntil(d -> d.findElement(By.id("figure-alerts")).getText().equals(String.valueOf(before + 1)),
        Duration.ofSeconds(30));
    WebElement row = browser.waitFor(By.cssSelector("#latest-table tr[data-alert-id='" + alert.getAlertId() + "']"));
    assertThat(row.getAttribute("class")).contains("sh-new");
    assertThat(browser.text(row)).contains("Shared at report", "Metropolitan Police");
    assertThat(browser.driver.findElement(By.id("live-count")).getText()).startsWith("1 new alert");
    assertThat(browser.js("return window.__sameDocument;")).as("the page was not reloaded").isEqualTo("yes");
    browser.screenshot("overview-live-alert");
  }

  @Test
  void overviewIsUsableOnANarrowScreen() {
    browser.resize(390, 844);
    try {
      browser.go("/overview.html");
      PANELS.forEach(browser::awaitLoaded);
      assertThat(browser.fitsWidth()).as("no sideways scrolling of the page at 390px").isTrue();
      assertThat(browser.driver.findElement(By.id("chart-ranking")).getSize().getWidth()).isLessThanOrEqualTo(390);
      browser.screenshot("overview-narrow-390");
    } finally {
      browser.resize(1280, 800);
    }
  }
}
