package org.safehaven.ingest.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.safehaven.core.id.ForceId;

/**
 * Valid events of the interchange format, varied and reproducible from a seed, for ingest's fuzz tests,
 * system tests and benchmark (the generator module makes realistic national traffic; this makes
 * well-formed input quickly, with identifiers a test can search for).
 *
 * <p>Every eventId is {@code <prefix>-e<n>}, every report {@code <prefix>-R<n>} and every person
 * {@code <prefix>-P<n>}, so a test can filter its own records on a shared stack and scan outputs for
 * the raw person identifiers that went in ({@link #personIds()}). All times lie within the 30 days
 * before {@code base}.
 */
public final class SampleEvents {

  private static final String[] ROLES = {"VICTIM", "WITNESS", "SUSPECT", "OFFENDER", "REPORTING_PERSON"};
  private static final String[] OFFENCES = {"DOMESTIC_ABUSE", "SEXUAL_OFFENCE", "MODERN_SLAVERY", "ROBBERY", "THEFT",
      "BURGLARY", "VIOLENCE_WITH_INJURY", "OTHER"};
  private static final String[] REASONS = {"CRIME_INVESTIGATION", "INTELLIGENCE", "STOP", "IMMIGRATION_STATUS",
      "SAFEGUARDING", "ADMIN"};
  private static final String[] RECIPIENTS = {"IMMIGRATION_ENFORCEMENT", "BORDER_FORCE", "SOCIAL_SERVICES", "CPS"};
  private static final String[] CHANNELS = {"NCCU_PHONE", "NCCU_EMAIL", "PNC_MARKER", "LETTER", "OTHER"};
  private static final String[] PURPOSES = {"IMMIGRATION_STATUS_CHECK", "SAFEGUARDING", "CRIME_INVESTIGATION", "OTHER"};
  private static final String[] STATUSES = {"OPEN", "UNDER_INVESTIGATION", "CHARGED", "NO_FURTHER_ACTION", "CLOSED"};

  private final SplittableRandom random;
  private final String prefix;
  private final long baseSeconds;
  private final int people;
  private long next;
  private final List<String> personIds = new ArrayList<>();

  /**
   * @param seed   the random seed
   * @param prefix makes this run's identifiers unique on a shared stack (letters, digits, dashes)
   * @param base   no event time lies after this instant
   * @param people how many distinct persons events are about
   */
  public SampleEvents(long seed, String prefix, Instant base, int people) {
    this.random = new SplittableRandom(seed);
    this.prefix = prefix;
    this.baseSeconds = base.getEpochSecond();
    this.people = people;
    // "-person-", not a single letter: the fuzzer's byte flips (at most four per input) must not be able to turn
    // another identifier of the run ("-R12", a reportId) into a person's, which a scan of the topics would then
    // find as a raw identifier although none leaked (flips forged one in 64 of 2,000 seeded runs of 12,000 inputs,
    // and a CI run of IngestFuzzIT failed so).
    for (int i = 0; i < people; i++) {
      personIds.add(prefix + "-person-" + i);
    }
  }

  /** Every raw person identifier these events can name. */
  public List<String> personIds() {
    return List.copyOf(personIds);
  }

  public String prefix() {
    return prefix;
  }

  /** The next event as one JSON line (no newline); eventIds never repeat. */
  public String next() {
    long n = next++;
    String eventId = prefix + "-e" + n;
    String force = ForceId.SLUGS.get(random.nextInt(ForceId.SLUGS.size()));
    String report = prefix + "-R" + random.nextInt(Math.max(1, people / 2));
    long t = baseSeconds - 86_400L * 30 + random.nextLong(86_400L * 29);
    StringBuilder sb = new StringBuilder(320);
    switch (random.nextInt(4)) {
      case 0 -> {
        sb.append("{\"type\":\"crime_reported\",\"eventId\":\"").append(eventId).append("\",\"force\":\"").append(force)
            .append("\",\"reportId\":\"").append(report).append("\",\"occurredAt\":\"").append(time(t - 3600))
            .append("\",\"reportedAt\":\"").append(time(t)).append("\",\"offence\":\"").append(pick(OFFENCES))
            .append("\",\"persons\":[");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
          sb.append(i == 0 ? "" : ",").append("{\"personId\":\"").append(person()).append("\",\"role\":\"")
              .append(pick(ROLES)).append("\"}");
        }
        sb.append("]}");
      }
      case 1 -> sb.append("{\"type\":\"pnc_query\",\"eventId\":\"").append(eventId).append("\",\"force\":\"")
          .append(force).append("\",\"queryId\":\"Q-").append(n).append("\",\"queriedAt\":\"").append(time(t))
          .append("\",\"officerId\":\"O-").append(random.nextInt(5000)).append("\",\"personId\":\"").append(person())
          .append("\",\"reason\":\"").append(pick(REASONS)).append("\",\"reportId\":\"").append(report).append("\"}");
      case 2 -> sb.append("{\"type\":\"disclosure\",\"eventId\":\"").append(eventId).append("\",\"force\":\"")
          .append(force).append("\",\"disclosureId\":\"D-").append(n).append("\",\"disclosedAt\":\"").append(time(t))
          .append("\",\"personId\":\"").append(person()).append("\",\"recipient\":\"").append(pick(RECIPIENTS))
          .append("\",\"channel\":\"").append(pick(CHANNELS)).append("\",\"purpose\":\"").append(pick(PURPOSES))
          .append("\",\"officerId\":\"O-").append(random.nextInt(5000)).append("\",\"reportId\":\"").append(report)
          .append("\"}");
      default -> sb.append("{\"type\":\"case_status\",\"eventId\":\"").append(eventId).append("\",\"force\":\"")
          .append(force).append("\",\"reportId\":\"").append(report).append("\",\"status\":\"").append(pick(STATUSES))
          .append("\",\"changedAt\":\"").append(time(t)).append("\"}");
    }
    return sb.toString();
  }

  private String person() {
    return personIds.get(random.nextInt(people));
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String time(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }
}
