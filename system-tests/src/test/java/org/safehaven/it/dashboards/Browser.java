package org.safehaven.it.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, named explicitly so Selenium Manager
 * downloads nothing), with a fresh profile, a download folder, and its console kept for checking.
 * Screenshots go to {@code system-tests/target/dashboards-screenshots/}.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "dashboards-screenshots");

  final ChromeDriver driver;
  final Path downloads;
  private final Path profile;
  private final String base;

  private Browser(ChromeDriver driver, Path profile, Path downloads, String base) {
    this.driver = driver;
    this.profile = profile;
    this.downloads = downloads;
    this.base = base;
  }

  /** A browser window of the given size on the dashboard at {@code base}. */
  static Browser open(String base, int width, int height) {
    assertThat(CHROMIUM).as("the browser tests need Debian's chromium: apt-get install -y chromium chromium-driver")
        .exists();
    assertThat(CHROMEDRIVER).as("the browser tests need chromium-driver: apt-get install -y chromium-driver").exists();
    try {
      Path profile = Files.createTempDirectory("safehaven-chromium-profile");
      Path downloads = Files.createTempDirectory("safehaven-chromium-downloads");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--lang=en-GB",
          "--force-device-scale-factor=1");
      Map<String, Object> prefs = new HashMap<>();
      prefs.put("download.default_directory", downloads.toString());
      prefs.put("download.prompt_for_download", false);
      options.setExperimentalOption("prefs", prefs);
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(new Dimension(width, height));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      return new Browser(driver, profile, downloads, base);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void go(String path) {
    driver.get(base + path);
  }

  /** Signs in on the sign-in page with a token and waits until the dashboard has moved on from it. */
  void signIn(String token) {
    go("/index.html");
    WebElement input = waitFor(By.id("token"));
    input.sendKeys(token);
    driver.findElement(By.id("sign-in")).click();
    waitUntil(d -> !d.getCurrentUrl().contains("/index.html"), Duration.ofSeconds(20));
  }

  WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> {
      List<WebElement> found = d.findElements(by);
      return found.isEmpty() ? null : found.get(0);
    });
  }

  <T> T waitUntil(ExpectedCondition<T> condition, Duration timeout) {
    // A page that redraws a table replaces its elements: a stale one means "look again", not failure.
    return new WebDriverWait(driver, timeout).pollingEvery(Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** Waits until a panel (or any element with data-loaded) says it has loaded, and that it did not fail. */
  void awaitLoaded(String id) {
    String state = waitUntil(d -> {
      String s = d.findElement(By.id(id)).getAttribute("data-loaded");
      return s == null ? null : s;
    }, Duration.ofSeconds(30));
    assertThat(state).as("#" + id + " loaded").isEqualTo("true");
  }

  /**
   * Text of an element even when it is hidden (inside a closed details element); a table row's cells are
   * joined by single spaces.
   */
  String text(WebElement e) {
    String t = (String) js("const e = arguments[0]; return e.tagName === 'TR'"
        + " ? Array.from(e.cells).map(c => c.textContent.trim()).join(' ') : e.textContent;", e);
    return t.replaceAll("\\s+", " ").trim();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Object jsAsync(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** True when the page is no wider than the window (nothing needs sideways scrolling but tables' own regions). */
  boolean fitsWidth() {
    return (Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth + 1;");
  }

  /** A full-page screenshot, as PNG, under target/dashboards-screenshots/. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      @SuppressWarnings("unchecked")
      Map<String, Object> metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
      @SuppressWarnings("unchecked")
      Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
      double w = ((Number) size.get("width")).doubleValue();
      double h = Math.min(((Number) size.get("height")).doubleValue(), 8000);
      Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
          "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The console's errors that matter: script errors and Content-Security-Policy violations. (A failed
   * request the page expects, such as the 404 of another force's lineage, is the network's, not a fault.)
   */
  List<String> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("Failed to load resource"))
        .toList();
  }

  WebDriver webDriver() {
    return driver;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
      deleteQuietly(downloads);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
