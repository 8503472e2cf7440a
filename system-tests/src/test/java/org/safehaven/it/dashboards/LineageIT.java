package org.safehaven.it.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** A case's lineage drawn from the real lineage, reports and alerts indices, each delay marked. */
class LineageIT {

  @RegisterExtension
  static final SignedIn session = new SignedIn("oversight");

  private List<WebElement> chainRows() {
    session.browser().waitUntil(d -> "true".equals(d.findElement(By.id("lineage-result")).getAttribute("data-loaded")),
        Duration.ofSeconds(20));
    return session.browser().driver.findElements(By.cssSelector("#lineage-table tbody tr"));
  }

  @Test
  void lineagePageDrawsTheReportsChainWithEachDelay() {
    session.browser().go("/lineage.html");
    session.browser().waitFor(By.id("lineage-id")).sendKeys(DashboardWorld.KENT_REPORT);
    session.browser().driver.findElement(By.cssSelector("#lineage-form button[type=submit]")).click();
    List<WebElement> rows = chainRows();

    assertThat(rows.stream().map(r -> r.getAttribute("data-kind")).toList())
        .containsExactly("REPORT", "PNC_QUERY", "ALERT", "CASE_STATUS", "DISCLOSURE", "ALERT");
    assertThat(session.browser().text(rows.get(1))).contains("immigration status").endsWith("3 hours");
    assertThat(session.browser().text(rows.get(2))).contains("PNC immigration check");
    assertThat(session.browser().text(rows.get(3))).contains("Case closed").endsWith("10 days");
    assertThat(session.browser().text(rows.get(4))).contains("Disclosed to Immigration Enforcement by NCCU phone")
        .endsWith("14 days 1 hour");
    assertThat(session.browser().text(rows.get(5))).contains("Delayed sharing", "after the case closed").endsWith("14 days 1 hour");
    assertThat(session.browser().driver.getCurrentUrl()).endsWith("/lineage.html?report=" + DashboardWorld.KENT_REPORT);

    // The timeline: drawn, and its description names the delays it marks.
    WebElement chart = session.browser().driver.findElement(By.id("lineage-chart"));
    session.browser().waitUntil(d -> "true".equals(chart.getAttribute("data-chart-ready")), Duration.ofSeconds(10));
    assertThat(chart.findElements(By.tagName("canvas"))).isNotEmpty();
    assertThat(chart.getAttribute("aria-label")).contains("disclosure 14 days 1 hour", "pnc query 3 hours");
    assertThat(session.browser().driver.findElement(By.id("lineage-summary")).getText())
        .contains(DashboardWorld.KENT_REPORT, "Kent", "domestic abuse", "Delayed sharing");
    session.browser().screenshot("lineage-report");
    assertThat(session.browser().consoleProblems()).isEmpty();
  }

  @Test
  void aPersonsLineageOpensFromTheReportsChain() {
    session.browser().go("/lineage.html?report=" + DashboardWorld.KENT_REPORT);
    List<WebElement> rows = chainRows();
    rows.get(4).findElement(By.cssSelector("a")).click();
    session.browser().waitUntil(d -> d.getCurrentUrl().contains("person=" + DashboardWorld.KENT_VICTIM), Duration.ofSeconds(10));
    List<WebElement> personRows = chainRows();
    assertThat(personRows.stream().map(r -> r.getAttribute("data-kind")).toList())
        .containsExactly("REPORT", "PNC_QUERY", "ALERT", "CASE_STATUS", "DISCLOSURE", "ALERT");
    assertThat(session.browser().driver.findElement(By.id("lineage-title")).getText()).startsWith("Lineage of person ph_");
    session.browser().screenshot("lineage-person");
  }

  @Test
  void aMalformedPersonReferenceIsRefusedBeforeAnyRequest() {
    session.browser().go("/lineage.html");
    session.browser().waitFor(By.id("lineage-id")).sendKeys("ph_NOT-A-REF");
    session.browser().driver.findElement(By.cssSelector("#lineage-form button[type=submit]")).click();
    WebElement error = session.browser().waitFor(By.cssSelector("#lineage-error:not([hidden])"));
    assertThat(error.getText()).contains("A person reference is ph_ followed by 64");
    assertThat(session.browser().driver.findElement(By.id("lineage-group")).getAttribute("class")).contains("govuk-form-group--error");
    assertThat(session.browser().driver.findElements(By.cssSelector("#sh-errors .govuk-error-summary"))).hasSize(1);
    session.browser().screenshot("lineage-malformed-person");
  }

  @Test
  void lineageCanBeAskedForWithTheKeyboardAlone() {
    session.browser().go("/lineage.html");
    session.browser().waitFor(By.id("lineage-id"));
    // The first stop of the Tab key is the skip link; then, in order, the navigation and the form.
    session.browser().driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    assertThat(session.browser().driver.switchTo().activeElement().getAttribute("class")).contains("govuk-skip-link");
    for (int i = 0; i < 30 && !"lineage-id".equals(session.browser().driver.switchTo().activeElement().getAttribute("id")); i++) {
      session.browser().driver.switchTo().activeElement().sendKeys(Keys.TAB);
    }
    WebElement input = session.browser().driver.switchTo().activeElement();
    assertThat(input.getAttribute("id")).as("the field is reachable with Tab").isEqualTo("lineage-id");
    input.sendKeys(DashboardWorld.KENT_REPORT, Keys.ENTER);
    assertThat(chainRows()).hasSize(6);
    session.browser().screenshot("lineage-keyboard");
  }
}
