package org.safehaven.generator.world;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * The simulated world, advanced one slice of time (an hour for files, a minute live) at a time:
 * {@link #slice(long)} returns every event whose event time falls in that slice, in event-time order.
 *
 * <p>Memory is bounded by the rate, not the length of the run: the world holds the current slice's events,
 * the scheduled future events (case-status changes and flows of stories already begun, at most about a
 * year ahead), small per-force pools of recent persons, and the few planned edge cases. Nothing is kept
 * about a slice once it has been returned. Volumes follow hourly profiles ({@link Volumes#REPORT_HOURS},
 * {@link Volumes#PNC_HOURS}): each slice draws its counts from the day's rate times its hour's share.
 *
 * <p>Persons come in two kinds, kept apart by construction. <em>Ordinary</em> persons appear in background
 * reports, PNC queries and non-immigration disclosures, and are never the subject of a flow to an
 * immigration recipient or of an IMMIGRATION_STATUS query. <em>Tracked</em> persons are minted by
 * {@link Stories} and {@link EdgeCases}; every event that can matter to the specification's rules about them (their
 * reports, those reports' case-status changes, their immigration flows) is marked {@link Ev#relevant}, and
 * the answer key is computed from exactly those events. Flows to immigration recipients are made only
 * about tracked persons or persons named in no report, so the relevant events are all that the rules
 * need (a test checks this by running the reference rules over whole files).
 */
public final class World {

  static final long MINUTE = 60;
  static final long HOUR = 3600;
  static final long DAY = 86_400;

  private final WorldParams params;
  private final long startEpoch;
  private final Ids ids;
  private final Map<Long, ArrayList<Ev>> pending = new HashMap<>();
  private final CompactStatuses compact = new CompactStatuses();
  private final long sliceSeconds;
  /** Scratch space of the counting sort, one slot per second of a slice. */
  private final int[] counts;
  private final Forces.Force[] selected;
  private final double[] selectedCumulative;
  private final double selectedShare;
  private final Background background;
  private final Stories stories;
  private final EdgeCases edgeCases;
  private ArrayList<Ev> today;
  private long currentSlice = -1;
  private long order;
  private long beyondEnd;
  private int cachedYearDay = Integer.MIN_VALUE;
  private int cachedYear;

  /** A world generated an hour at a time (files). */
  public World(WorldParams params) {
    this(params, HOUR);
  }

  /** @param sliceSeconds 3600 for files; 60 for live mode, so that a slice stays small at high rates */
  public World(WorldParams params, long sliceSeconds) {
    if (sliceSeconds <= 0 || HOUR % sliceSeconds != 0) {
      throw new IllegalArgumentException("a slice must divide an hour");
    }
    this.params = params;
    this.sliceSeconds = sliceSeconds;
    this.counts = new int[(int) sliceSeconds + 1];
    this.startEpoch = params.start().toEpochDay() * DAY;
    this.ids = new Ids(params.idTag());
    this.selected = params.forces().toArray(new Forces.Force[0]);
    double[] w = new double[selected.length];
    double share = 0;
    for (int i = 0; i < selected.length; i++) {
      w[i] = selected[i].weight();
      share += Forces.share(selected[i]);
    }
    this.selectedCumulative = Rng.cumulative(w);
    this.selectedShare = share;
    this.background = new Background(this);
    this.stories = new Stories(this);
    this.edgeCases = new EdgeCases(this);
  }

  public WorldParams params() {
    return params;
  }

  public Ids ids() {
    return ids;
  }

  public long startEpoch() {
    return startEpoch;
  }

  /** Exclusive end of the simulated period, epoch seconds (Long.MAX_VALUE in live mode). */
  public long endEpoch() {
    return params.days() == Integer.MAX_VALUE ? Long.MAX_VALUE : startEpoch + params.days() * DAY;
  }

  /** How often each edge case was planted (those that do not fit the period are left out). */
  public Map<String, Integer> edgeCasesPlanted() {
    return edgeCases.planted();
  }

  /** Scheduled events that fell after the end of the period and were not written. */
  public long eventsBeyondEnd() {
    return beyondEnd;
  }

  /** Events scheduled for later slices, right now (a measure of the memory the world holds). */
  public long eventsScheduled() {
    long n = compact.size();
    for (ArrayList<Ev> l : pending.values()) {
      n += l.size();
    }
    return n;
  }

  /** Length of a slice: files are generated an hour at a time, live mode a minute at a time. */
  public long sliceSeconds() {
    return sliceSeconds;
  }

  /** Number of slices in the period (Long.MAX_VALUE in live mode). */
  public long slices() {
    return params.days() == Integer.MAX_VALUE ? Long.MAX_VALUE : params.days() * DAY / sliceSeconds;
  }

  /** Start of slice {@code i}, epoch seconds. */
  public long sliceStart(long i) {
    return startEpoch + i * sliceSeconds;
  }

  /**
   * Every event of slice {@code i} (consecutive calls with i = 0, 1, 2, ...), in event-time order: those
   * scheduled earlier for this slice and those that begin in it.
   */
  public List<Ev> slice(long i) {
    if (i != currentSlice + 1) {
      throw new IllegalStateException("slices must be generated in order");
    }
    currentSlice = i;
    ArrayList<Ev> scheduled = pending.remove(i);
    today = scheduled != null ? scheduled : new ArrayList<>();
    long from = sliceStart(i);
    compact.drain(i, (offset, status, force, year, seq) -> {
      Ev e = newEv(EvType.CASE_STATUS, from + offset, force);
      e.reportId = ids.reportId(force, year, seq);
      e.status = status;
      today.add(e);
    });
    edgeCases.materialise(from, from + sliceSeconds);
    int hour = (int) Math.floorMod(from, DAY) / 3600;
    double hoursLong = sliceSeconds / 3600.0;
    background.slice(i, from, sliceSeconds, hour, hoursLong);
    stories.slice(i, from, sliceSeconds, hour, hoursLong);
    List<Ev> out = sortByTime(today, from, sliceSeconds, counts);
    today = null;
    return out;
  }

  /**
   * Sorts a slice's events by (time, order) in linear time. The list is already in creation order (scheduled
   * events were created before this slice's, and both are appended as created), so a stable counting sort by
   * the second is enough.
   */
  static List<Ev> sortByTime(List<Ev> events, long from, long length, int[] start) {
    if (events.size() < 256) {
      events.sort(Ev::compare);
      return events;
    }
    java.util.Arrays.fill(start, 0);
    for (Ev e : events) {
      start[(int) (e.time - from) + 1]++;
    }
    for (int i = 1; i < start.length; i++) {
      start[i] += start[i - 1];
    }
    Ev[] sorted = new Ev[events.size()];
    for (Ev e : events) {
      sorted[start[(int) (e.time - from)]++] = e;
    }
    return java.util.Arrays.asList(sorted);
  }

  // ------------------------------------------------------------------ building blocks for the generators

  /** Randomness for one purpose (a label hashed with {@link Rng#hash}) in one slice. */
  SplittableRandom rng(long labelHash, long slice) {
    return Rng.derive(params.seed(), labelHash, slice);
  }

  /** The selected forces' share of national volume. */
  double selectedShare() {
    return selectedShare;
  }

  /**
   * A selected force, drawn in proportion to size. Drawing each event's force from the slice's total is the
   * same as drawing a Poisson count per force (Poisson splitting), and costs nothing for forces with none.
   */
  Forces.Force pickForce(SplittableRandom r) {
    return selected.length == 1 ? selected[0] : selected[Rng.pick(r, selectedCumulative)];
  }

  Ev newEv(EvType type, long time, Forces.Force force) {
    return new Ev(type, time, order++, force);
  }

  /** Puts an event in the slice its time falls in; events after the period are dropped. */
  void schedule(Ev e) {
    if (e.time >= endEpoch()) {
      beyondEnd++;
      return;
    }
    long i = Math.floorDiv(e.time - startEpoch, sliceSeconds);
    if (i == currentSlice) {
      today.add(e);
    } else if (i > currentSlice) {
      pending.computeIfAbsent(i, k -> new ArrayList<>()).add(e);
    } else {
      throw new IllegalStateException("an event was scheduled in a slice already written");
    }
  }

  int year(long epochSecond) {
    int epochDay = (int) Math.floorDiv(epochSecond, DAY);
    if (epochDay != cachedYearDay) {
      cachedYearDay = epochDay;
      cachedYear = LocalDate.ofEpochDay(epochDay).getYear();
    }
    return cachedYear;
  }

  String officer(SplittableRandom r, Forces.Force f) {
    // About 40 officers per thousand crimes a year: the Met, weight 900, has some 36,000.
    int size = (int) Math.max(50, f.weight() * 40);
    return ids.officer(f, 1 + r.nextInt(size));
  }

  /** A crime report, scheduled; occurredAt is drawn before reportedAt. */
  Ev crime(SplittableRandom r, Forces.Force f, long reportedAt, Offence offence, List<String> personIds,
           List<Role> roles, boolean relevant) {
    Ev e = newEv(EvType.CRIME_REPORTED, reportedAt, f);
    e.reportYear = year(reportedAt);
    e.reportSeq = ids.nextReportSeq(f, e.reportYear);
    e.reportId = ids.reportId(f, e.reportYear, e.reportSeq);
    double u = r.nextDouble();
    long lag = u < 0.5 ? Rng.between(r, 0, 6 * HOUR)
        : u < 0.8 ? Rng.between(r, 6 * HOUR, 3 * DAY) : Rng.between(r, 3 * DAY, 60 * DAY);
    e.occurredAt = reportedAt - lag;
    e.offence = offence;
    e.personIds = personIds.toArray(new String[0]);
    e.roles = roles.toArray(new Role[0]);
    e.relevant = relevant;
    schedule(e);
    return e;
  }

  /**
   * The case-status changes of a report, scheduled. Those of background reports are most of what the world
   * holds (a national year keeps about two million scheduled, up to a year ahead), so they are kept packed in
   * a long each ({@link CompactStatuses}) rather than as objects, and become events when their slice comes.
   */
  void lifecycle(Ev report, List<CaseLifecycle.Step> steps, boolean relevant) {
    for (CaseLifecycle.Step s : steps) {
      if (!relevant && s.at() < endEpoch()) {
        long i = Math.floorDiv(s.at() - startEpoch, sliceSeconds);
        if (i > currentSlice) {
          compact.add(i, s.at() - sliceStart(i), s.status(), report.force, report.reportYear, report.reportSeq);
          continue;
        }
      }
      Ev e = newEv(EvType.CASE_STATUS, s.at(), report.force);
      e.reportId = report.reportId;
      e.status = s.status();
      e.relevant = relevant;
      schedule(e);
    }
  }

  Ev pnc(SplittableRandom r, Forces.Force f, long t, String personId, PncReason reason, String reportId,
         boolean relevant) {
    Ev e = newEv(EvType.PNC_QUERY, t, f);
    e.personId = personId;
    e.reason = reason;
    e.reportId = reportId;
    // Source systems do not always record the query reference or the officer.
    e.flowId = Rng.chance(r, 0.9) ? ids.query() : null;
    e.officerId = Rng.chance(r, 0.95) ? officer(r, f) : null;
    e.relevant = relevant;
    schedule(e);
    return e;
  }

  Ev disclosure(SplittableRandom r, Forces.Force f, long t, String personId, Recipient recipient,
                Channel channel, Purpose purpose, String reportId, boolean relevant) {
    Ev e = newEv(EvType.DISCLOSURE, t, f);
    e.personId = personId;
    e.recipient = recipient;
    e.channel = channel;
    e.purpose = purpose;
    e.reportId = reportId;
    e.flowId = Rng.chance(r, 0.85) ? ids.disclosure() : null;
    e.officerId = Rng.chance(r, 0.95) ? officer(r, f) : null;
    e.relevant = relevant;
    schedule(e);
    return e;
  }

  /** Share of a day's events that fall in {@code hour} under an hourly profile (cumulative weights). */
  static double hourShare(double[] cumulativeHours, int hour) {
    return cumulativeHours[hour] - (hour == 0 ? 0 : cumulativeHours[hour - 1]);
  }

  Forces.Force otherForce(SplittableRandom r, Forces.Force not) {
    List<Forces.Force> fs = params.forces();
    if (fs.size() < 2) {
      return not;
    }
    Forces.Force f;
    do {
      f = fs.get(r.nextInt(fs.size()));
    } while (f == not);
    return f;
  }

  /**
   * Whether a force has a "deferral culture": it passes victims' details on mostly just after the case is
   * closed (the "appropriate juncture" of the guidance), the pattern SYSTEMATIC_DEFERRAL exists to expose.
   * About one force in six, chosen by the seed.
   */
  boolean defers(Forces.Force f) {
    return (Rng.mix(params.seed() ^ Rng.hash(f.slug())) >>> 11) * 0x1.0p-53 < 0.16;
  }
}
