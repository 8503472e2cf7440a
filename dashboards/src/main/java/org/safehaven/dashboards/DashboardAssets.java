package org.safehaven.dashboards;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.safehaven.api.access.Authenticator;
import org.safehaven.core.auth.TokenStore;

/**
 * The web dashboard, served on the same origin as the query API, so the pages call {@code /api/v1} without
 * CORS and the token never has to travel to another host.
 *
 * <pre>
 * /                        the sign-in page (index.html); then overview.html, force.html, alerts.html,
 *                          lineage.html, research.html: static HTML, vanilla JS modules, no build step
 * /css/..., /js/...        the dashboard's own assets
 * /vendor/govuk-frontend/dist/govuk/...  govuk-frontend's built CSS and JS module, from its WebJar
 * /vendor/echarts/dist/...                echarts' built ES module, from its WebJar
 * /dashboard/session       who a bearer token is: {"role":"FORCE","force":"kent"} ({@link SessionEndpoint})
 * </pre>
 *
 * <p>Contract: every page is served with a strict Content-Security-Policy ({@link #CSP}): scripts and
 * styles only from this origin, no inline script or style, no framing, connections only to this origin.
 * The pages are written for it (no inline script, no {@code style} or {@code on*} attributes); the
 * module tests check that. The data itself is never in a page: the browser fetches it with the token
 * from {@code sessionStorage}, so a cached or shared page reveals nothing.
 *
 * <p>How to mount it: {@code ApiServer.start(config, endpoints, tokens, Topics.ALERTS.name(),
 * Clock.systemUTC(), DashboardAssets.mount(tokens))}; the dashboard is then at {@code apiServer.url() + "/"}.
 */
public final class DashboardAssets {

  /** Where the pages live on the classpath. */
  static final String WEB_ROOT = "/org/safehaven/dashboards/web";
  public static final String SESSION_PATH = "/dashboard/session";

  /**
   * The pages' policy. {@code style-src 'self'} without 'unsafe-inline': charts are drawn on canvas and
   * style elements only through the CSSOM, which the policy allows; tooltips are formatted without style
   * attributes. {@code img-src data:} for the charts' image export.
   */
  public static final String CSP = String.join("; ",
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "manifest-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "frame-ancestors 'none'");

  /**
   * What the vendor folders may serve: the built library under dist/, not its sources and templates.
   * (The WebJars' folders are served from their version folder: the jars list no deeper folders, and
   * Jetty serves only from a folder the jar lists.)
   */
  private static final Pattern VENDOR_FILE = Pattern.compile("^/vendor/[a-z-]+/dist/[A-Za-z0-9_./-]+\\.(css|js|mjs|map|woff2?|png|svg|ico)$");

  private DashboardAssets() {}

  /** The dashboard as a mount for {@code ApiServer.start(..., mounts)}, authenticating with the same store. */
  public static Consumer<JavalinConfig> mount(TokenStore tokens) {
    Authenticator auth = new Authenticator(tokens);
    return cfg -> install(cfg, auth);
  }

  static void install(JavalinConfig cfg, Authenticator auth) {
    Properties versions = webjarVersions();
    cfg.staticFiles.add(sf -> {
      sf.hostedPath = "/";
      sf.directory = WEB_ROOT;
      sf.location = Location.CLASSPATH;
      sf.headers = pageHeaders();
    });
    vendor(cfg, "/vendor/govuk-frontend",
        "/META-INF/resources/webjars/govuk-frontend/" + versions.getProperty("govuk-frontend"),
        "dist/govuk/govuk-frontend.min.js");
    vendor(cfg, "/vendor/echarts",
        "/META-INF/resources/webjars/echarts/" + versions.getProperty("echarts"), "dist/echarts.esm.min.js");
    SessionEndpoint session = new SessionEndpoint(auth);
    cfg.router.mount(r -> r.get(SESSION_PATH, session::handle));
  }

  /** @param marker a file the folder must hold (jars need not list folders, so the folder itself is not looked up) */
  private static void vendor(JavalinConfig cfg, String hostedPath, String directory, String marker) {
    if (DashboardAssets.class.getResource(directory + "/" + marker) == null) {
      throw new IllegalStateException("the dashboard's WebJar " + directory + " is not on the classpath");
    }
    cfg.staticFiles.add(sf -> {
      sf.hostedPath = hostedPath;
      sf.directory = directory;
      sf.location = Location.CLASSPATH;
      // Compressed once and kept: echarts is a megabyte before gzip.
      sf.precompress = true;
      sf.headers = vendorHeaders();
      sf.skipFileFunction = req -> !VENDOR_FILE.matcher(req.getRequestURI()).find();
    });
  }

  static Map<String, String> pageHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Security-Policy", CSP);
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    h.put("X-Frame-Options", "DENY");
    h.put("Cross-Origin-Opener-Policy", "same-origin");
    // Pages and our scripts change with each release and hold no data: revalidate, never serve stale.
    h.put("Cache-Control", "no-cache");
    return h;
  }

  static Map<String, String> vendorHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Cache-Control", "public, max-age=3600");
    return h;
  }

  static Properties webjarVersions() {
    Properties p = new Properties();
    try (InputStream in = DashboardAssets.class.getResourceAsStream("webjars.properties")) {
      if (in == null) {
        throw new IllegalStateException("webjars.properties is missing from the dashboards jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
