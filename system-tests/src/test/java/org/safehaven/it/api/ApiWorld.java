package org.safehaven.it.api;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.safehaven.api.ApiServer;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.id.ForceId;
import org.safehaven.indexer.IndexerService;
import org.safehaven.it.indexer.Landing;
import org.safehaven.it.indexer.Samples;
import org.safehaven.schema.Alert;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.ForceDayMetrics;
import org.safehaven.schema.LineageRecord;
import org.safehaven.schema.Offence;
import org.safehaven.schema.Phase;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.RoleHeld;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * One small, known world for every API test of a run: alerts, lineage, reports and metrics of kent (the
 * "own" force) and essex (the "other" force), written to private topics, indexed by a real indexer into
 * private indices of the shared Elasticsearch, and served by a real ApiServer with real hashed tokens.
 *
 * <p>The numbers are chosen for suppression: kent's counts are 10 or more, essex's under 10.
 * <ul>
 *   <li>Alerts: kent 12 DELAYED_SHARING (delays 10..120 h; 8 while open, 4 after closure), 2
 *       PNC_IMMIGRATION_CHECK (CRITICAL), 1 SHARED_AT_REPORT on KENT-2026-000123; essex 3 DELAYED_SHARING
 *       (500, 600, 700 h) and 1 SYSTEMATIC_DEFERRAL. 19 in all.</li>
 *   <li>Flows (May 2026): kent 15 disclosures to IMMIGRATION_ENFORCEMENT by NCCU_PHONE, 4 to
 *       BORDER_FORCE by NCCU_EMAIL, 11 PNC IMMIGRATION_STATUS checks, 1 PNC CRIME_INVESTIGATION query
 *       (not a flow); essex 5 disclosures to IMMIGRATION_ENFORCEMENT, 2 PNC IMMIGRATION_STATUS checks.</li>
 *   <li>Report KENT-2026-000123 (victim-a, suspect-b), closed; one kent PNC check and one kent
 *       disclosure about victim-a naming it, and the SHARED_AT_REPORT alert. Report KENT-2026-000999
 *       (victim-c) with one kent disclosure and one essex disclosure about victim-c.</li>
 *   <li>Metrics: kent and essex on 2026-05-01 and 2026-05-02.</li>
 * </ul>
 *
 * <p>August 2026 ({@link #AUGUST}) holds alerts with several revisions, delivered out of order as the rules
 * may write them:
 * <ul>
 *   <li>{@link #correctedAlertId} (kent, 08-10): DELAYED_SHARING (HIGH, KENT-AUG-OLD) corrected to
 *       SHARED_AT_REPORT (CRITICAL, KENT-AUG-NEW) by revision 2; revision 2 arrives first.</li>
 *   <li>{@link #thriceAlertId} (kent, 08-10): PNC_IMMIGRATION_CHECK naming KENT-AUG-A, -B, -C in revisions
 *       1, 2, 3, delivered 1, 3, 2.</li>
 *   <li>{@link #withdrawnDelayedId} (kent, 08-10): DELAYED_SHARING (900 h, KENT-AUG-W) withdrawn by revision
 *       2; {@link #withdrawnDeferralId} (essex, 08-10): SYSTEMATIC_DEFERRAL withdrawn by revision 2.</li>
 *   <li>essex 2 DELAYED_SHARING on 08-10 (400 and 700 h); kent 11 DELAYED_SHARING on 08-11 (10..110 h).</li>
 *   <li>Metrics documents whose alert counts and delay percentiles are deliberately wrong: kent 08-10
 *       (99 DELAYED_SHARING), essex 08-10 (7), kent 08-12 (4, a day without alerts), each with p50 400 h and
 *       p90 900 h; kent 08-11 has alerts and no metrics document.</li>
 * </ul>
 * Standing in August: kent 1 SHARED_AT_REPORT and 1 PNC_IMMIGRATION_CHECK on 08-10, 11 DELAYED_SHARING on
 * 08-11; essex 2 DELAYED_SHARING on 08-10. 15 alerts.
 */
public final class ApiWorld {

  public static final Instant T = Instant.parse("2026-05-10T00:00:00Z");
  public static final String REPORT = "KENT-2026-000123";
  public static final String SHARED_REPORT = "KENT-2026-000999";
  public static final String RANGE = "from=2026-04-01&to=2026-07-01";
  public static final Instant T2 = Instant.parse("2026-08-10T00:00:00Z");
  public static final String AUGUST = "from=2026-08-01&to=2026-09-01";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ApiWorld instance;

  public final Landing landing;
  public final ApiServer api;
  public final Map<String, String> tokens;
  public final String kentAlertId;
  public final String essexAlertId;
  public final String correctedAlertId;
  public final String thriceAlertId;
  public final String withdrawnDelayedId;
  public final String withdrawnDeferralId;
  private final IndexerService indexer;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiWorld(Landing landing, IndexerService indexer, ApiServer api, Map<String, String> tokens,
                   String kentAlertId, String essexAlertId, List<String> august) {
    this.landing = landing;
    this.indexer = indexer;
    this.api = api;
    this.tokens = tokens;
    this.kentAlertId = kentAlertId;
    this.essexAlertId = essexAlertId;
    this.correctedAlertId = august.get(0);
    this.thriceAlertId = august.get(1);
    this.withdrawnDelayedId = august.get(2);
    this.withdrawnDeferralId = august.get(3);
  }

  public static synchronized ApiWorld get() {
    if (instance == null) {
      instance = build();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        instance.api.close();
        instance.indexer.close();
        instance.landing.close();
      }));
    }
    return instance;
  }

  private static ApiWorld build() {
    Landing l = Landing.create();
    List<Alert> alerts = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      alerts.add(Samples.alert(Rule.DELAYED_SHARING, i <= 8 ? Severity.HIGH : Severity.MEDIUM, "kent", "kd-" + i,
          "kp-" + i, "KENT-R-" + i, T.plusSeconds(3600L * i), 10L * i,
          i <= 8 ? Phase.WHILE_CASE_OPEN : Phase.AFTER_CASE_CLOSED, Offence.DOMESTIC_ABUSE));
    }
    alerts.add(Samples.alert(Rule.PNC_IMMIGRATION_CHECK, Severity.CRITICAL, "kent", "kq-1", "kp-1", "KENT-R-1",
        T.plusSeconds(100), null, null, Offence.DOMESTIC_ABUSE));
    alerts.add(Samples.alert(Rule.PNC_IMMIGRATION_CHECK, Severity.CRITICAL, "kent", "kq-2", "kp-2", "KENT-R-2",
        T.plusSeconds(200), null, null, Offence.SEXUAL_OFFENCE));
    Alert shared = Samples.alert(Rule.SHARED_AT_REPORT, Severity.CRITICAL, "kent", "k-disc-a", "victim-a", REPORT,
        T.plusSeconds(7200), null, null, Offence.DOMESTIC_ABUSE);
    alerts.add(shared);
    for (int i = 1; i <= 3; i++) {
      alerts.add(Samples.alert(Rule.DELAYED_SHARING, Severity.HIGH, "essex", "ed-" + i, "ep-" + i, "ESSEX-R-" + i,
          T.plusSeconds(5000L * i), 400L + 100L * i, Phase.WHILE_CASE_OPEN, Offence.ROBBERY));
    }
    Alert deferral = Samples.alert(Rule.SYSTEMATIC_DEFERRAL, Severity.MEDIUM, "essex", "ed-3", null, null,
        T.plusSeconds(15_000), null, null, null);
    deferral.setWindowDisclosures(5);
    deferral.setWindowAfterClosure(3);
    deferral.setChannel(null);
    deferral.setRecipient(null);
    alerts.add(deferral);

    List<RoleHeld> victimA = List.of(Samples.victim(REPORT, "kent", Offence.DOMESTIC_ABUSE, T));
    List<RoleHeld> victimC = List.of(Samples.victim(SHARED_REPORT, "kent", Offence.MODERN_SLAVERY, T));
    List<LineageRecord> flows = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      flows.add(Samples.disclosure("k-ie-" + i, "kent", "kp-" + i, T.plusSeconds(60L * i), null,
          Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE, List.of()));
    }
    for (int i = 0; i < 4; i++) {
      flows.add(Samples.disclosure("k-bf-" + i, "kent", "kb-" + i, T.plusSeconds(60L * i), null,
          Recipient.BORDER_FORCE, Channel.NCCU_EMAIL, List.of()));
    }
    for (int i = 0; i < 10; i++) {
      flows.add(Samples.pncCheck("k-q-" + i, "kent", "kq-" + i, T.plusSeconds(60L * i), null,
          PncReason.IMMIGRATION_STATUS, List.of()));
    }
    flows.add(Samples.pncCheck("k-q-crime", "kent", "kq-x", T.plusSeconds(30), null, PncReason.CRIME_INVESTIGATION,
        List.of()));
    // The chain of KENT-2026-000123 (one of kent's 11 immigration checks and one of its 15 disclosures
    // would be double counted; these are extra: kent has 11 checks and 16 IE disclosures in all).
    flows.add(Samples.pncCheck("k-q-a", "kent", "victim-a", T.plusSeconds(3600), REPORT, PncReason.IMMIGRATION_STATUS,
        victimA));
    flows.add(Samples.disclosure("k-disc-a", "kent", "victim-a", T.plusSeconds(7200), REPORT,
        Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE, victimA));
    for (int i = 0; i < 5; i++) {
      flows.add(Samples.disclosure("e-ie-" + i, "essex", "ep-" + i, T.plusSeconds(60L * i), null,
          Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE, List.of()));
    }
    for (int i = 0; i < 2; i++) {
      flows.add(Samples.pncCheck("e-q-" + i, "essex", "eq-" + i, T.plusSeconds(60L * i), null,
          PncReason.IMMIGRATION_STATUS, List.of()));
    }
    // KENT-2026-000999: victim-c, disclosed by kent and by essex (essex's counts 6 IE disclosures in all).
    flows.add(Samples.disclosure("k-disc-c", "kent", "victim-c", T.plusSeconds(9000), SHARED_REPORT,
        Recipient.UK_VISAS_AND_IMMIGRATION, Channel.LETTER, victimC));
    flows.add(Samples.disclosure("e-disc-c", "essex", "victim-c", T.plusSeconds(9500), null,
        Recipient.IMMIGRATION_ENFORCEMENT, Channel.NCCU_PHONE, victimC));

    List<ForceDayMetrics> metrics = List.of(
        Samples.metrics("kent", LocalDate.parse("2026-05-01"), 120, 15, 12),
        Samples.metrics("kent", LocalDate.parse("2026-05-02"), 110, 4, 2),
        Samples.metrics("essex", LocalDate.parse("2026-05-01"), 60, 5, 3),
        Samples.metrics("essex", LocalDate.parse("2026-05-02"), 70, 1, 0));

    l.send(l.sources.alerts(), alerts, Alert::getForce);
    l.send(l.sources.lineage(), flows, LineageRecord::getPersonRef);
    l.send(l.sources.crimeReports(), List.of(
        Samples.report("cr-a", "kent", REPORT, T, Offence.DOMESTIC_ABUSE, "victim-a", "suspect-b"),
        Samples.report("cr-c", "kent", SHARED_REPORT, T, Offence.MODERN_SLAVERY, "victim-c", "suspect-d")),
        r -> r.getReportId());
    l.send(l.sources.caseStatus(), List.of(
        Samples.caseStatus("cs-a", "kent", REPORT, CaseStatusValue.CLOSED, T.plusSeconds(5400))), c -> c.getReportId());
    l.send(l.sources.metrics(), metrics, m -> m.getForce() + "|" + m.getDay());
    List<String> august = august(l);

    IndexerService indexer = l.startIndexer();
    await().atMost(Duration.ofSeconds(120)).until(() -> l.lag() == 0);
    for (String index : l.indices.all()) {
      l.count(index);
    }

    Path dir;
    try {
      dir = Files.createTempDirectory("safehaven-api-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TokenStore store = TokenStore.open(TokenStore.defaultFile(dir));
    Map<String, String> tokens = Map.of(
        "oversight", store.create(AccessRole.OVERSIGHT, "it").token(),
        "researcher", store.create(AccessRole.RESEARCHER, "it").token(),
        "kent", store.create(AccessRole.force(ForceId.of("kent")), "it").token(),
        "essex", store.create(AccessRole.force(ForceId.of("essex")), "it").token(),
        "operator", store.create(AccessRole.OPERATOR, "it").token());
    ApiServer api = ApiServer.start(l.config(), new ApiServer.Endpoints(l.stack.kafkaBootstrap(),
        l.stack.registryUrl(), l.elasticsearchUrl), store, l.sources.alerts(), Clock.systemUTC());
    await().atMost(Duration.ofSeconds(60)).until(api::streamReady);
    return new ApiWorld(l, indexer, api, tokens, shared.getAlertId(), alerts.get(15).getAlertId(), august);
  }

  /** August's alerts and metrics (see the class comment); the ids of the corrected, thrice, withdrawn alerts. */
  private static List<String> august(Landing l) {
    Alert delayed = Samples.alert(Rule.DELAYED_SHARING, Severity.HIGH, "kent", "kc-1", "kc-p", "KENT-AUG-OLD",
        T2.plusSeconds(3600), 200L, Phase.WHILE_CASE_OPEN, Offence.DOMESTIC_ABUSE);
    Alert corrected = Samples.revision(delayed, 2);
    corrected.setRule(Rule.SHARED_AT_REPORT);
    corrected.setSeverity(Severity.CRITICAL);
    corrected.setReportId("KENT-AUG-NEW");
    corrected.setDelayHours(null);
    corrected.setPhase(null);

    Alert check = Samples.alert(Rule.PNC_IMMIGRATION_CHECK, Severity.CRITICAL, "kent", "kt-1", "kt-p", "KENT-AUG-A",
        T2.plusSeconds(7200), null, null, Offence.SEXUAL_OFFENCE);
    Alert check2 = Samples.revision(check, 2);
    check2.setReportId("KENT-AUG-B");
    Alert check3 = Samples.revision(check, 3);
    check3.setReportId("KENT-AUG-C");

    Alert doomed = Samples.alert(Rule.DELAYED_SHARING, Severity.HIGH, "kent", "kw-1", "kw-p", "KENT-AUG-W",
        T2.plusSeconds(10_800), 900L, Phase.WHILE_CASE_OPEN, Offence.ROBBERY);
    Alert doomed2 = Samples.revision(doomed, 2);
    doomed2.setWithdrawn(true);

    Alert deferral = Samples.alert(Rule.SYSTEMATIC_DEFERRAL, Severity.MEDIUM, "essex", "ew-5", null, null,
        T2.plusSeconds(14_400), null, null, null);
    deferral.setWindowDisclosures(5);
    deferral.setWindowAfterClosure(3);
    deferral.setChannel(null);
    deferral.setRecipient(null);
    Alert deferral2 = Samples.revision(deferral, 2);
    deferral2.setWithdrawn(true);

    List<Alert> kent = new ArrayList<>(List.of(corrected, delayed, check, check3, check2, doomed, doomed2));
    for (int i = 1; i <= 11; i++) {
      kent.add(Samples.alert(Rule.DELAYED_SHARING, Severity.HIGH, "kent", "ka-" + i, "ka-p" + i, "KENT-AUG-R" + i,
          T2.plusSeconds(86_400 + 600L * i), 10L * i, Phase.AFTER_CASE_CLOSED, Offence.DOMESTIC_ABUSE));
    }
    List<Alert> essex = new ArrayList<>(List.of(deferral, deferral2));
    for (int i = 1; i <= 2; i++) {
      essex.add(Samples.alert(Rule.DELAYED_SHARING, Severity.HIGH, "essex", "ea-" + i, "ea-p" + i, "ESSEX-AUG-R" + i,
          T2.plusSeconds(600L * i), 100L + 300L * i, Phase.WHILE_CASE_OPEN, Offence.ROBBERY));
    }
    // One key per force: each force's revisions reach the indexer exactly in the order above.
    l.send(l.sources.alerts(), kent, a -> "kent");
    l.send(l.sources.alerts(), essex, a -> "essex");
    l.send(l.sources.metrics(), List.of(
        Samples.metrics("kent", LocalDate.parse("2026-08-10"), 50, 3, 99),
        Samples.metrics("essex", LocalDate.parse("2026-08-10"), 40, 2, 7),
        Samples.metrics("kent", LocalDate.parse("2026-08-12"), 30, 1, 4)), m -> m.getForce() + "|" + m.getDay());
    return List.of(delayed.getAlertId(), check.getAlertId(), doomed.getAlertId(), deferral.getAlertId());
  }

  /** A GET with the given token (null: none) and Accept header (null: JSON). */
  public HttpResponse<String> get(String pathAndQuery, String token, String accept) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url() + pathAndQuery)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (accept != null) {
      b.header("Accept", accept);
    }
    try {
      return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String pathAndQuery, String token) {
    return get(pathAndQuery, token, null);
  }

  public static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  /** Searches Elasticsearch ran on this world's indices so far (to prove a request ran none). */
  public long searchesRun() {
    try {
      var stats = landing.es().indices().stats(s -> s.index(landing.indices.all()).metric("search"));
      return stats.all().total().search().queryTotal();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public HttpClient http() {
    return http;
  }
}
