package org.safehaven.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The pages and scripts as written: what the Content-Security-Policy and the accessibility rules need of
 * them, checked on the files themselves (the browser tests check what they do).
 */
class DashboardPagesTest {

  static final List<String> PAGES = List.of("index.html", "overview.html", "force.html", "alerts.html",
      "lineage.html", "research.html");
  private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:[^'\"]*?\\s+from\\s+)?['\"]([^'\"]+)['\"]");

  private static Path webRoot() throws URISyntaxException {
    URL url = DashboardPagesTest.class.getResource(DashboardAssets.WEB_ROOT);
    assertThat(url).as("web root on the classpath").isNotNull();
    return Path.of(url.toURI());
  }

  private static Document page(String name) throws Exception {
    return Jsoup.parse(webRoot().resolve(name).toFile(), "UTF-8");
  }

  @Test
  void pagesHaveNoInlineScriptStyleOrEventHandlers() throws Exception {
    for (String name : PAGES) {
      Document d = page(name);
      for (Element script : d.select("script")) {
        assertThat(script.hasAttr("src")).as(name + ": every script is a file").isTrue();
        assertThat(script.data().trim()).as(name + ": no inline script").isEmpty();
        assertThat(script.attr("type")).as(name + ": scripts are ES modules").isEqualTo("module");
      }
      assertThat(d.select("style")).as(name + ": no style element").isEmpty();
      for (Element e : d.getAllElements()) {
        for (Attribute a : e.attributes()) {
          assertThat(a.getKey()).as(name + ": no style attribute on <" + e.tagName() + ">").isNotEqualTo("style");
          assertThat(a.getKey()).as(name + ": no inline event handler on <" + e.tagName() + ">").doesNotStartWith("on");
          assertThat(a.getValue()).as(name + ": no javascript: URL").doesNotStartWithIgnoringCase("javascript:");
        }
      }
    }
  }

  @Test
  void pagesAreAccessibleByConstruction() throws Exception {
    for (String name : PAGES) {
      Document d = page(name);
      assertThat(d.select("html").attr("lang")).as(name + ": language").isEqualTo("en");
      assertThat(d.title()).as(name + ": title").isNotBlank();
      assertThat(d.select("main#main-content")).as(name + ": one main landmark").hasSize(1);
      assertThat(d.select("a.govuk-skip-link[href=#main-content]")).as(name + ": skip link").hasSize(1);
      assertThat(d.select("h1")).as(name + ": one h1").hasSize(1);
      assertThat(d.select("meta[name=viewport]")).as(name + ": usable on a narrow screen").hasSize(1);
      for (Element input : d.select("input:not([type=hidden]), select, textarea")) {
        assertThat(d.select("label[for=" + input.id() + "]")).as(name + ": a label for #" + input.id()).isNotEmpty();
      }
    }
  }

  @Test
  void everyReferencedAssetExists() throws Exception {
    Path root = webRoot();
    for (String name : PAGES) {
      Document d = page(name);
      for (Element e : d.select("script[src], link[href]")) {
        String ref = e.hasAttr("src") ? e.attr("src") : e.attr("href");
        if (ref.startsWith("/vendor/")) {
          continue; // served from the WebJars; DashboardAssetsTest fetches them
        }
        assertThat(root.resolve(ref.substring(1))).as(name + " refers to " + ref).exists();
      }
    }
  }

  @Test
  void everyModuleImportResolvesToAFileOrAVendorModule() throws Exception {
    Path root = webRoot();
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("js"))) {
      for (Path js : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".js"))::iterator) {
        Matcher m = IMPORT.matcher(Files.readString(js, StandardCharsets.UTF_8));
        while (m.find()) {
          String spec = m.group(1);
          if (spec.startsWith("/vendor/")) {
            String vendor = spec.startsWith("/vendor/govuk-frontend/")
                ? "/META-INF/resources/webjars/govuk-frontend/" + DashboardAssets.webjarVersions().getProperty("govuk-frontend")
                + "/" + spec.substring("/vendor/govuk-frontend/".length())
                : "/META-INF/resources/webjars/echarts/" + DashboardAssets.webjarVersions().getProperty("echarts")
                + "/" + spec.substring("/vendor/echarts/".length());
            try (InputStream in = DashboardPagesTest.class.getResourceAsStream(vendor)) {
              if (in == null) {
                problems.add(root.relativize(js) + " imports " + spec + ", which the WebJar does not have");
              }
            }
          } else if (!Files.exists(js.getParent().resolve(spec).normalize())) {
            problems.add(root.relativize(js) + " imports " + spec + ", which does not exist");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void scriptsNeverWriteMarkupOrEvaluateText() throws Exception {
    // Values from the API must reach the page as text: no innerHTML, no eval (the CSP forbids eval too).
    Pattern forbidden = Pattern.compile("\\.innerHTML\\s*=|\\.outerHTML\\s*=|insertAdjacentHTML|document\\.write"
        + "|\\beval\\s*\\(|new\\s+Function\\s*\\(|setAttribute\\(\\s*['\"]style['\"]|\\.cssText\\s*=");
    try (Stream<Path> files = Files.walk(webRoot().resolve("js"))) {
      for (Path js : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".js"))::iterator) {
        assertThat(forbidden.matcher(Files.readString(js, StandardCharsets.UTF_8)).find())
            .as(js.getFileName() + " writes markup or evaluates text").isFalse();
      }
    }
  }

  @Test
  void theTokenIsKeptInSessionStorageAndNeverInACookieOrAUrl() throws Exception {
    String session = Files.readString(webRoot().resolve("js/lib/session.js"), StandardCharsets.UTF_8);
    assertThat(session).contains("sessionStorage.setItem");
    try (Stream<Path> files = Files.walk(webRoot().resolve("js"))) {
      for (Path js : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".js"))::iterator) {
        String text = Files.readString(js, StandardCharsets.UTF_8);
        assertThat(text).as(js.getFileName().toString()).doesNotContain("document.cookie").doesNotContain("localStorage")
            .doesNotContain("new EventSource");
        assertThat(text).as(js.getFileName() + ": the token goes in a header only")
            .doesNotContainPattern("[?&]token=").doesNotContainPattern("searchParams\\.(set|append)\\(['\"]token");
      }
    }
  }

  @Test
  void signInPageAsksForTheTokenInAPasswordField() throws Exception {
    Document d = page("index.html");
    Element input = d.selectFirst("input#token");
    assertThat(input).isNotNull();
    assertThat(input.attr("type")).isEqualTo("password");
    assertThat(input.attr("autocomplete")).isEqualTo("off");
    assertThat(d.select("label[for=token]").text()).isEqualTo("API token");
  }
}
