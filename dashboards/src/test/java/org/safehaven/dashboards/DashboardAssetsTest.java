package org.safehaven.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.api.access.Authenticator;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.id.ForceId;

/**
 * The dashboard mounted on a real Javalin server (no stack needed: these are the static assets and the
 * session endpoint), asked over HTTP as a browser would.
 */
class DashboardAssetsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  static Path dir;

  private static Javalin app;
  private static String base;
  private static String oversight;
  private static String kent;
  private static String operator;

  @BeforeAll
  static void start() {
    TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
    oversight = tokens.create(AccessRole.OVERSIGHT, "test").token();
    kent = tokens.create(AccessRole.force(ForceId.of("kent")), "test").token();
    operator = tokens.create(AccessRole.OPERATOR, "test").token();
    app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      DashboardAssets.install(cfg, new Authenticator(tokens));
    }).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterAll
  static void stop() {
    app.stop();
  }

  private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void rootServesTheSignInPageWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(r.body()).contains("Sign in to Safe Haven");
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "default-src 'none'")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  void everyPageAndItsModulesAreServed() throws Exception {
    for (String page : DashboardPagesTest.PAGES) {
      HttpResponse<String> r = get("/" + page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(page).isPresent();
    }
    HttpResponse<String> js = get("/js/pages/overview.js");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type").orElse("")).contains("javascript");
  }

  @Test
  void vendorFoldersServeGovukFrontendAndEchartsFromTheirWebJars() throws Exception {
    HttpResponse<String> css = get("/vendor/govuk-frontend/dist/govuk/govuk-frontend.min.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
    assertThat(css.body()).contains(".govuk-service-navigation");
    HttpResponse<String> govukJs = get("/vendor/govuk-frontend/dist/govuk/govuk-frontend.min.js");
    assertThat(govukJs.statusCode()).isEqualTo(200);
    assertThat(govukJs.body()).contains("initAll");
    HttpResponse<String> echarts = get("/vendor/echarts/dist/echarts.esm.min.js");
    assertThat(echarts.statusCode()).isEqualTo(200);
    assertThat(echarts.headers().firstValue("Content-Type").orElse("")).contains("javascript");
  }

  @Test
  void vendorFoldersRefuseTheLibrariesSourcesAndTemplates() throws Exception {
    assertThat(get("/vendor/govuk-frontend/dist/govuk/template.njk").statusCode()).isEqualTo(404);
    assertThat(get("/vendor/govuk-frontend/dist/govuk/index.scss").statusCode()).isEqualTo(404);
  }

  @Test
  void sessionNamesTheRoleAndTheForceOfAForceToken() throws Exception {
    HttpResponse<String> r = get(DashboardAssets.SESSION_PATH, "Authorization", "Bearer " + kent);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("role").asText()).isEqualTo("FORCE");
    assertThat(body.path("force").asText()).isEqualTo("kent");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");

    JsonNode o = JSON.readTree(get(DashboardAssets.SESSION_PATH, "Authorization", "Bearer " + oversight).body());
    assertThat(o.path("role").asText()).isEqualTo("OVERSIGHT");
    assertThat(o.has("force")).isFalse();
  }

  @Test
  void sessionRefusesMissingAndUnknownTokensWithoutEchoingThem() throws Exception {
    HttpResponse<String> none = get(DashboardAssets.SESSION_PATH);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(none.body()).path("error").asText()).isEqualTo("unauthorized");

    String guess = "sh_thisIsNotARealTokenButLooksLikeOneAAAAAAAAAAA";
    HttpResponse<String> unknown = get(DashboardAssets.SESSION_PATH, "Authorization", "Bearer " + guess);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).doesNotContain(guess);
    assertThat(unknown.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void sessionRefusesTheOperatorsImportToken() throws Exception {
    HttpResponse<String> r = get(DashboardAssets.SESSION_PATH, "Authorization", "Bearer " + operator);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("status").asInt()).isEqualTo(403);
  }

  @Test
  void webjarVersionsComeFromTheBuild() {
    assertThat(DashboardAssets.webjarVersions().getProperty("govuk-frontend")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(DashboardAssets.webjarVersions().getProperty("echarts")).matches("\\d+\\.\\d+\\.\\d+");
  }

  @Test
  void mountWorksThroughThePublicEntryPoint() throws Exception {
    TokenStore tokens = TokenStore.open(Files.createDirectories(dir.resolve("mount")).resolve("tokens.json"));
    String t = tokens.create(AccessRole.RESEARCHER, "test").token();
    Javalin other = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      DashboardAssets.mount(tokens).accept(cfg);
    }).start("127.0.0.1", 0);
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port()
          + DashboardAssets.SESSION_PATH)).header("Authorization", "Bearer " + t).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(JSON.readTree(r.body()).path("role").asText()).isEqualTo("RESEARCHER");
    } finally {
      other.stop();
    }
  }
}
