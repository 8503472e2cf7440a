package org.safehaven.it.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Researchers see suppressed aggregates only, and download them as CSV with the same withheld cells. */
class ResearchIT {

  @RegisterExtension
  static final SignedIn session = new SignedIn("researcher");

  private WebElement rowOf(String tableId, String first) {
    return session.browser().driver.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
        .filter(r -> session.browser().text(r).startsWith(first)).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + first + " in #" + tableId));
  }

  @Test
  void researcherPageShowsSuppressedCellsWhereCountsAreUnderTen() {
    assertThat(session.browser().driver.getCurrentUrl()).contains("/research.html");
    session.browser().awaitLoaded("panel-flows");
    session.browser().awaitLoaded("panel-delays");

    // Flows by force: kent's 18 disclosures and 12 checks are shown; essex's 4 and 2 are withheld.
    assertThat(session.browser().text(rowOf("flows-data", "Kent"))).isEqualTo("Kent 18 12");
    WebElement essex = rowOf("flows-data", "Essex");
    List<WebElement> essexCells = essex.findElements(By.cssSelector("td.sh-suppressed"));
    assertThat(essexCells).hasSize(2);
    assertThat(essexCells.get(0).getText()).startsWith("[c]");
    assertThat(session.browser().text(essexCells.get(0))).contains("withheld, fewer than 10");
    assertThat(session.browser().text(rowOf("flows-data", "Metropolitan Police"))).startsWith("Metropolitan Police 14 [c]");
    assertThat(session.browser().driver.findElement(By.id("flows-summary")).getText()).contains("counts withheld");

    // Delays by force: essex's two delays are withheld with their percentiles.
    session.browser().driver.findElement(By.id("delaysBy-phase")).click();
    session.browser().driver.findElement(By.id("delaysBy-force")).click();
    session.browser().driver.findElement(By.cssSelector("#delays-form button[type=submit]")).click();
    session.browser().waitUntil(d -> d.findElements(By.cssSelector("#delays-data thead th")).stream()
        .anyMatch(th -> th.getText().equals("Force")), Duration.ofSeconds(20));
    session.browser().awaitLoaded("panel-delays");
    assertThat(rowOf("delays-data", "Essex").findElements(By.cssSelector("td.sh-suppressed"))).hasSize(4);
    assertThat(rowOf("delays-data", "Kent").findElements(By.cssSelector("td.sh-suppressed"))).isEmpty();

    // Nothing case-level: a researcher's navigation has the aggregates only, and the overview says no.
    List<String> nav = session.browser().driver.findElements(By.cssSelector(".govuk-service-navigation__list a")).stream()
        .map(WebElement::getText).toList();
    assertThat(nav).containsExactly("Research aggregates", "Sign out");
    session.browser().screenshot("research-suppressed");
    assertThat(session.browser().consoleProblems()).isEmpty();

    session.browser().go("/overview.html");
    assertThat(session.browser().waitFor(By.cssSelector("#sh-errors .govuk-error-summary")).getText())
        .contains("This page is not available to your token");
    session.browser().go("/research.html");
  }

  @Test
  void flowsDownloadAsCsvWithTheSameWithheldCells() throws IOException {
    session.browser().go("/research.html");
    session.browser().awaitLoaded("panel-flows");
    session.browser().driver.findElement(By.id("flows-csv")).click();
    session.browser().waitUntil(d -> d.findElement(By.id("download-status")).getAttribute("data-file") != null,
        Duration.ofSeconds(20));
    String name = session.browser().driver.findElement(By.id("download-status")).getAttribute("data-file");
    Path file = session.browser().downloads.resolve(name);
    session.browser().waitUntil(d -> Files.exists(file), Duration.ofSeconds(20));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("force,disclosures,pncImmigrationChecks");
    assertThat(lines).contains("kent,18,12", "essex,[c],[c]", "metropolitan,14,[c]", "west-midlands,[c],[c]");
    try (Stream<Path> files = Files.list(session.browser().downloads)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(name);
    }
    session.browser().screenshot("research-download");
  }
}
