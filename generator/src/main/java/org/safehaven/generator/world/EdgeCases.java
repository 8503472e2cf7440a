package org.safehaven.generator.world;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * A catalogue of the edge cases of the specification's rules, planted {@code --edge-cases N} times each at random
 * times and forces (the test profile plants them; others do not). Each case says in its comment what the
 * rules should make of it, but the generator asserts nothing: the answer key is computed from the events
 * as written, and the reference rules' unit tests pin the expected outcomes. A case that does not fit the
 * generated period (the lookback cases need 731 days) is left out and the summary says so.
 */
final class EdgeCases {

  private static final long MINUTE = World.MINUTE;
  private static final long HOUR = World.HOUR;
  private static final long DAY = World.DAY;

  @FunctionalInterface
  private interface Plant {
    void plant(Ctx c);
  }

  /** A case of the catalogue: what it plants, how long after its first event it lasts, whether it needs two forces. */
  private record Case(Plant plant, long span, boolean twoForces) {
  }

  /** One planted instance: its case, its first event's time and its forces. */
  private record Planned(String name, Plant plant, long anchor, Forces.Force a, Forces.Force b, long seq) {
  }

  /** What a case's code gets: the moment it starts, its forces, randomness, and shorthand for events. */
  private final class Ctx {
    final long t0;
    final Forces.Force a;
    final Forces.Force b;
    final SplittableRandom r;

    Ctx(Planned p) {
      this.t0 = p.anchor();
      this.a = p.a();
      this.b = p.b();
      this.r = Rng.derive(world.params().seed(), "edge:" + p.name(), p.seq());
    }

    String person() {
      return world.ids().pncPerson();
    }

    World world() {
      return world;
    }

    Ev report(Forces.Force f, long t, Offence o, Object... personsAndRoles) {
      List<String> ids = new ArrayList<>();
      List<Role> roles = new ArrayList<>();
      for (int i = 0; i < personsAndRoles.length; i += 2) {
        ids.add((String) personsAndRoles[i]);
        roles.add((Role) personsAndRoles[i + 1]);
      }
      return world.crime(r, f, t, o, ids, roles, true);
    }

    void status(Ev report, CaseStatusValue s, long t) {
      world.lifecycle(report, List.of(new CaseLifecycle.Step(s, t)), true);
    }

    Ev check(Forces.Force f, long t, String person, String reportId) {
      return world.pnc(r, f, t, person, PncReason.IMMIGRATION_STATUS, reportId, true);
    }

    Ev disclose(Forces.Force f, long t, String person, String reportId) {
      return world.disclosure(r, f, t, person,
          Rng.pick(r, Volumes.IMMIGRATION_RECIPIENTS, Volumes.IMMIGRATION_RECIPIENT_MIX),
          Rng.pick(r, Volumes.VICTIM_CHANNELS, Volumes.VICTIM_CHANNEL_MIX),
          Rng.pick(r, Volumes.IMMIGRATION_PURPOSES, Volumes.VICTIM_PURPOSE_MIX), reportId, true);
    }

    /** A plain victim report of a non-critical offence whose case stays under investigation. */
    Ev openVictimReport(Forces.Force f, long t, String victim) {
      Ev rep = report(f, t, Offence.ROBBERY, victim, Role.VICTIM, person(), Role.SUSPECT);
      status(rep, CaseStatusValue.UNDER_INVESTIGATION, t + 30 * MINUTE);
      return rep;
    }
  }

  private final World world;
  private final List<Planned> plan = new ArrayList<>();
  private final Map<String, Integer> planted = new LinkedHashMap<>();
  private int next;

  EdgeCases(World world) {
    this.world = world;
    int n = world.params().edgeCases();
    long start = world.startEpoch();
    long end = world.endEpoch();
    List<Forces.Force> forces = world.params().forces();
    SplittableRandom r = Rng.derive(world.params().seed(), "edge-plan");
    long seq = 0;
    for (Map.Entry<String, Case> c : catalogue().entrySet()) {
      Plant p = c.getValue().plant();
      long span = c.getValue().span();
      boolean twoForces = c.getValue().twoForces();
      planted.put(c.getKey(), 0);
      if (n == 0 || end == Long.MAX_VALUE) {
        continue;
      }
      int offset = r.nextInt(forces.size());
      for (int i = 0; i < n; i++) {
        long firstDay = Math.floorDiv(start, DAY) + 1;
        long lastDay = Math.floorDiv(end - span - DAY, DAY) - 1;
        if (lastDay < firstDay || (twoForces && forces.size() < 2)) {
          break;
        }
        long anchor = Rng.between(r, firstDay, lastDay) * DAY + Rng.between(r, 8 * HOUR, 18 * HOUR);
        // Successive instances of a case use different forces, so force-level patterns do not merge.
        Forces.Force a = forces.get((offset + i) % forces.size());
        // (offset + i + 1 + k) with k in [0, size - 2] is never a's position: b differs from a.
        Forces.Force b = forces.size() < 2 ? a
            : forces.get((offset + i + 1 + r.nextInt(forces.size() - 1)) % forces.size());
        plan.add(new Planned(c.getKey(), p, anchor, a, b, seq++));
        planted.merge(c.getKey(), 1, Integer::sum);
      }
    }
    plan.sort(Comparator.comparingLong(Planned::anchor).thenComparingLong(Planned::seq));
  }

  Map<String, Integer> planted() {
    return Map.copyOf(planted);
  }

  void materialise(long from, long to) {
    while (next < plan.size() && plan.get(next).anchor() < to) {
      Planned p = plan.get(next++);
      if (p.anchor() < from) {
        throw new IllegalStateException("edge case planned before the current day");
      }
      p.plant().plant(new Ctx(p));
    }
  }

  /** The catalogue, by name, in a fixed order. */
  private static Map<String, Case> catalogue() {
    Map<String, Case> c = new LinkedHashMap<>();

    // SHARED_AT_REPORT with delayHours 72: the immediate window includes its end.
    c.put("shared-at-report-exactly-72h", new Case(x -> {
      String v = x.person();
      Ev rep = x.openVictimReport(x.a, x.t0, v);
      x.disclose(x.a, x.t0 + 72 * HOUR, v, rep.reportId);
    }, 4 * DAY, false));

    // One second later it is DELAYED_SHARING, WHILE_CASE_OPEN, HIGH, delayHours 72.
    c.put("delayed-72h-and-1s", new Case(x -> {
      String v = x.person();
      Ev rep = x.openVictimReport(x.a, x.t0, v);
      x.disclose(x.a, x.t0 + 72 * HOUR + 1, v, rep.reportId);
    }, 4 * DAY, false));

    // A disclosure at the very second of the report: SHARED_AT_REPORT, delayHours 0.
    c.put("disclosure-at-report-instant", new Case(x -> {
      String v = x.person();
      Ev rep = x.openVictimReport(x.a, x.t0, v);
      x.disclose(x.a, x.t0, v, rep.reportId);
    }, DAY, false));

    // A role reported exactly 730 days before still counts: PNC_IMMIGRATION_CHECK.
    c.put("lookback-exactly-730d", new Case(x -> {
      String v = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.THEFT, v, Role.VICTIM);
      x.status(rep, CaseStatusValue.CLOSED, x.t0 + 5 * DAY);
      x.check(x.a, x.t0 + 730 * DAY, v, null);
    }, 731 * DAY, false));

    // One second past the lookback the role has lapsed: no alert.
    c.put("lookback-expired-by-1s", new Case(x -> {
      String v = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.BURGLARY, v, Role.WITNESS);
      x.status(rep, CaseStatusValue.CLOSED, x.t0 + 3 * DAY);
      x.check(x.a, x.t0 + 730 * DAY + 1, v, null);
    }, 731 * DAY, false));

    // Only a suspect is checked and referred (Operation Nexus): no alert.
    c.put("suspect-only", new Case(x -> {
      String s = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.VIOLENCE_WITH_INJURY, x.person(), Role.VICTIM, s, Role.SUSPECT);
      x.check(x.a, x.t0 + 2 * HOUR, s, rep.reportId);
      x.world().disclosure(x.r, x.a, x.t0 + 5 * HOUR, s, Recipient.IMMIGRATION_ENFORCEMENT,
          Channel.OPERATION_NEXUS_CUSTODY, Purpose.IMMIGRATION_ENFORCEMENT, rep.reportId, true);
    }, DAY, false));

    // A reporting person holds no protected role: no alert.
    c.put("reporting-person-only", new Case(x -> {
      String p = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.CRIMINAL_DAMAGE, p, Role.REPORTING_PERSON);
      x.check(x.a, x.t0 + 3 * HOUR, p, rep.reportId);
      x.disclose(x.a, x.t0 + 4 * HOUR, p, rep.reportId);
    }, DAY, false));

    // Victim and suspect in the same (domestic abuse) report: SHARED_AT_REPORT, CRITICAL, mixedRoles.
    c.put("mixed-roles-same-report", new Case(x -> {
      String v = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.DOMESTIC_ABUSE, v, Role.VICTIM, v, Role.SUSPECT, x.person(), Role.VICTIM);
      x.status(rep, CaseStatusValue.UNDER_INVESTIGATION, x.t0 + HOUR);
      x.disclose(x.a, x.t0 + 10 * HOUR, v, rep.reportId);
    }, DAY, false));

    // Victim of one report, suspect of a later one: the check names the first, mixedRoles.
    c.put("mixed-roles-later-report", new Case(x -> {
      String v = x.person();
      Ev first = x.openVictimReport(x.a, x.t0, v);
      x.report(x.a, x.t0 + 2 * DAY, Offence.PUBLIC_ORDER, v, Role.SUSPECT);
      x.check(x.a, x.t0 + 3 * DAY, v, first.reportId);
    }, 4 * DAY, false));

    // Disclosed before the report: no breach of that report. A check after the report is one.
    c.put("disclosure-before-report", new Case(x -> {
      String v = x.person();
      x.disclose(x.a, x.t0, v, null);
      Ev rep = x.openVictimReport(x.a, x.t0 + 2 * DAY, v);
      x.check(x.a, x.t0 + 3 * DAY, v, rep.reportId);
    }, 4 * DAY, false));

    // Role from force A, flows by force B: the alerts are force B's.
    c.put("cross-force", new Case(x -> {
      String v = x.person();
      Ev rep = x.openVictimReport(x.a, x.t0, v);
      x.check(x.b, x.t0 + DAY, v, null);
      x.disclose(x.b, x.t0 + 20 * DAY, v, rep.reportId);
    }, 21 * DAY, true));

    // Each offence of recommendation 1 makes the alert CRITICAL.
    c.put("critical-offences", new Case(x -> {
      long t = x.t0;
      for (Offence o : new Offence[] {Offence.DOMESTIC_ABUSE, Offence.SEXUAL_OFFENCE, Offence.MODERN_SLAVERY}) {
        String v = x.person();
        Ev rep = x.report(x.a, t, o, v, Role.VICTIM);
        x.status(rep, CaseStatusValue.UNDER_INVESTIGATION, t + HOUR);
        x.disclose(x.a, t + 6 * HOUR, v, rep.reportId);
        x.check(x.a, t + 2 * HOUR, v, rep.reportId);
        t += 3 * HOUR;
      }
    }, DAY, false));

    // The same check and disclosure delivered twice (same eventId): one alert each.
    c.put("duplicate-flows", new Case(x -> {
      String v = x.person();
      Ev rep = x.openVictimReport(x.a, x.t0, v);
      x.check(x.a, x.t0 + HOUR, v, rep.reportId).plantedDuplicate = true;
      x.disclose(x.a, x.t0 + 5 * HOUR, v, rep.reportId).plantedDuplicate = true;
      rep.plantedDuplicate = true;
    }, DAY, false));

    // Closed on day 20, disclosed on day 25: DELAYED_SHARING, AFTER_CASE_CLOSED, MEDIUM, delayHours 600.
    c.put("closed-then-disclosure", new Case(x -> {
      String v = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.BURGLARY, v, Role.VICTIM);
      x.status(rep, CaseStatusValue.UNDER_INVESTIGATION, x.t0 + HOUR);
      x.status(rep, CaseStatusValue.CLOSED, x.t0 + 20 * DAY);
      x.disclose(x.a, x.t0 + 25 * DAY, v, rep.reportId);
    }, 26 * DAY, false));

    // NO_FURTHER_ACTION counts as closed.
    c.put("nfa-then-disclosure", new Case(x -> {
      String v = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.VIOLENCE_WITHOUT_INJURY, v, Role.VICTIM, x.person(), Role.SUSPECT);
      x.status(rep, CaseStatusValue.UNDER_INVESTIGATION, x.t0 + HOUR);
      x.status(rep, CaseStatusValue.NO_FURTHER_ACTION, x.t0 + 30 * DAY);
      x.disclose(x.a, x.t0 + 31 * DAY, v, rep.reportId);
    }, 32 * DAY, false));

    // Closed at the very second of the disclosure: AFTER_CASE_CLOSED (changedAt <= disclosedAt).
    c.put("closed-at-disclosure-instant", new Case(x -> {
      String v = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.ROBBERY, v, Role.VICTIM);
      x.status(rep, CaseStatusValue.CLOSED, x.t0 + 10 * DAY);
      x.disclose(x.a, x.t0 + 10 * DAY, v, rep.reportId);
    }, 11 * DAY, false));

    // Closed, then reopened before the disclosure: WHILE_CASE_OPEN, HIGH.
    c.put("reopened-case", new Case(x -> {
      String v = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.VIOLENCE_WITH_INJURY, v, Role.VICTIM);
      x.status(rep, CaseStatusValue.CLOSED, x.t0 + 10 * DAY);
      x.status(rep, CaseStatusValue.UNDER_INVESTIGATION, x.t0 + 15 * DAY);
      x.disclose(x.a, x.t0 + 20 * DAY, v, rep.reportId);
    }, 21 * DAY, false));

    // Victim of a domestic abuse report (A), later witness of a theft (B): a disclosure by A that cites the
    // first report still names the most recent one (B's theft, closed): MEDIUM, not CRITICAL.
    c.put("most-recent-report-named", new Case(x -> {
      String v = x.person();
      Ev first = x.report(x.a, x.t0, Offence.DOMESTIC_ABUSE, v, Role.VICTIM, x.person(), Role.SUSPECT);
      x.status(first, CaseStatusValue.UNDER_INVESTIGATION, x.t0 + HOUR);
      Ev second = x.report(x.b, x.t0 + 5 * DAY, Offence.THEFT, x.person(), Role.VICTIM, v, Role.WITNESS);
      x.status(second, CaseStatusValue.CLOSED, x.t0 + 12 * DAY);
      x.disclose(x.a, x.t0 + 30 * DAY, v, first.reportId);
    }, 31 * DAY, true));

    // A witness is protected too.
    c.put("witness-pnc-check", new Case(x -> {
      String w = x.person();
      Ev rep = x.report(x.a, x.t0, Offence.HATE_CRIME, x.person(), Role.VICTIM, w, Role.WITNESS);
      x.check(x.a, x.t0 + 4 * HOUR, w, rep.reportId);
    }, DAY, false));

    // Safeguarding referral and an investigative check on a victim: no alert.
    c.put("non-immigration-flows", new Case(x -> {
      String v = x.person();
      Ev rep = x.openVictimReport(x.a, x.t0, v);
      x.world().disclosure(x.r, x.a, x.t0 + DAY, v, Recipient.SOCIAL_SERVICES, Channel.LETTER,
          Purpose.SAFEGUARDING, rep.reportId, true);
      x.world().pnc(x.r, x.a, x.t0 + 2 * HOUR, v, PncReason.SAFEGUARDING, rep.reportId, true);
    }, 2 * DAY, false));

    // Eight victims' cases closed, each disclosed within 14 days after closure (one exactly at 14 days),
    // all within 90 days: SYSTEMATIC_DEFERRAL once (at the fifth), not again within 90 days.
    c.put("deferral-campaign", new Case(x -> {
      for (int i = 0; i < 8; i++) {
        long t = x.t0 + i * 4 * DAY + i * HOUR;
        String v = x.person();
        Offence o = i % 3 == 0 ? Offence.DOMESTIC_ABUSE : i % 3 == 1 ? Offence.ROBBERY : Offence.VIOLENCE_WITH_INJURY;
        Ev rep = x.report(x.a, t, o, v, Role.VICTIM, x.person(), Role.SUSPECT);
        x.status(rep, CaseStatusValue.UNDER_INVESTIGATION, t + 2 * HOUR);
        long closed = t + Rng.between(x.r, 10 * DAY, 25 * DAY);
        x.status(rep, i % 2 == 0 ? CaseStatusValue.CLOSED : CaseStatusValue.NO_FURTHER_ACTION, closed);
        x.disclose(x.a, i == 5 ? closed + 14 * DAY : closed + Rng.between(x.r, DAY, 13 * DAY), v, rep.reportId);
      }
    }, 75 * DAY, false));

    // Six delayed disclosures in 90 days, exactly half soon after closure: no SYSTEMATIC_DEFERRAL (the
    // three while the case is open come first, so no prefix has more than half either).
    c.put("deferral-near-miss", new Case(x -> {
      for (int i = 0; i < 6; i++) {
        long t = x.t0 + i * 2 * DAY;
        String v = x.person();
        Ev rep = x.report(x.a, t, Offence.ROBBERY, v, Role.VICTIM);
        x.status(rep, CaseStatusValue.UNDER_INVESTIGATION, t + HOUR);
        if (i < 3) {
          x.status(rep, CaseStatusValue.CLOSED, x.t0 + 80 * DAY);
          x.disclose(x.a, x.t0 + (20 + i) * DAY, v, rep.reportId);
        } else {
          x.status(rep, CaseStatusValue.NO_FURTHER_ACTION, x.t0 + 25 * DAY + i * HOUR);
          x.disclose(x.a, x.t0 + (30 + i) * DAY, v, rep.reportId);
        }
      }
    }, 81 * DAY, false));

    return c;
  }
}
