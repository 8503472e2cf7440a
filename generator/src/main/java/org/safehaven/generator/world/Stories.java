package org.safehaven.generator.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.safehaven.schema.Channel;
import org.safehaven.schema.Offence;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Purpose;
import org.safehaven.schema.Recipient;
import org.safehaven.schema.Role;

/**
 * The rare flows to immigration recipients, as stories about tracked persons (see {@link World}). Each
 * story begins on the day it is drawn and schedules the rest of its events ahead. The generator decides
 * only what happens; whether it breaks a rule is decided by the answer key's reference rules from the
 * events as written.
 * <ul>
 *   <li><b>Victim stories</b>: a victim (sometimes also a witness) of an offence the super-complaint was
 *       about; then a PNC immigration check soon after the report, and/or a disclosure at report, while the
 *       case is open, or around its closure (forces with a deferral culture, {@link World#defers}, mostly
 *       disclose within two weeks after closure). Variations: the flow comes from another force; the victim
 *       is also a suspect (in the same report or a later one); the disclosure precedes the report.</li>
 *   <li><b>Custody stories</b>: a suspect or offender checked on PNC for immigration status in custody and
 *       sometimes referred (Operation Nexus): no alert, but recorded in the lineage.</li>
 *   <li><b>Unreported persons</b>: a check or referral about someone named in no report.</li>
 * </ul>
 */
final class Stories {

  private static final long MINUTE = World.MINUTE;
  private static final long HOUR = World.HOUR;
  private static final long DAY = World.DAY;

  private static final long LABEL = Rng.hash("stories");
  private final World world;

  Stories(World world) {
    this.world = world;
  }

  /** The stories that begin in one slice {@code [from, from + length)} lying in {@code hour} of the day. */
  void slice(long slice, long from, long length, int hour, double hours) {
    WorldParams p = world.params();
    // Victim stories (the flows that breach) scale with the breach rate; flows about suspects and people in
    // no report with its square root, so that they stay a plausible backdrop rather than swamp the stream.
    double perDay = world.selectedShare() * p.scale() / 365.0;
    double victimRate = perDay * p.breachRate();
    double otherRate = perDay * Math.sqrt(p.breachRate());
    if (victimRate <= 0) {
      return;
    }
    double reportShare = World.hourShare(Volumes.REPORT_HOURS, hour) * hours;
    double pncShare = World.hourShare(Volumes.PNC_HOURS, hour) * hours;
    SplittableRandom r = world.rng(LABEL, slice);
    int victims = Rng.poisson(r, Volumes.VICTIM_STORIES_PER_YEAR * victimRate * reportShare);
    for (int i = 0; i < victims; i++) {
      victim(r, world.pickForce(r), from + r.nextLong(length));
    }
    int custody = Rng.poisson(r, Volumes.SUSPECT_STORIES_PER_YEAR * otherRate * pncShare);
    for (int i = 0; i < custody; i++) {
      custody(r, world.pickForce(r), from + r.nextLong(length));
    }
    int unreported = Rng.poisson(r, Volumes.UNREPORTED_PERSON_FLOWS_PER_YEAR * otherRate * pncShare);
    for (int i = 0; i < unreported; i++) {
      unreported(r, world.pickForce(r), from + r.nextLong(length));
    }
  }

  private enum DisclosureTiming { AT_REPORT, WHILE_OPEN, AROUND_CLOSURE }

  void victim(SplittableRandom r, Forces.Force f, long t0) {
    Offence offence = Rng.pick(r, Volumes.OFFENCES, Volumes.VICTIM_STORY_OFFENCE_MIX);
    boolean crossForce = world.params().forces().size() > 1 && Rng.chance(r, 0.10);
    Forces.Force flowForce = crossForce ? world.otherForce(r, f) : f;
    // Another force can only link the person through a shared identifier: the PNC number.
    String victim = crossForce || Rng.chance(r, 0.35) ? world.ids().pncPerson() : world.ids().localPerson(f);
    boolean disclosedBeforeReport = Rng.chance(r, 0.03);
    double mixedDraw = r.nextDouble();
    boolean mixedSameReport = mixedDraw < 0.04;
    boolean mixedLaterReport = mixedDraw >= 0.04 && mixedDraw < 0.08;

    long reportedAt = t0;
    if (disclosedBeforeReport) {
      reportedAt = t0 + Rng.between(r, DAY, 20 * DAY);
      immigrationDisclosure(r, flowForce, t0, victim, null, Volumes.VICTIM_CHANNEL_MIX, Volumes.VICTIM_PURPOSE_MIX);
    }
    List<String> ids = new ArrayList<>(4);
    List<Role> roles = new ArrayList<>(4);
    ids.add(victim);
    roles.add(Role.VICTIM);
    if (mixedSameReport) {
      // A counter-allegation: the same person is recorded as victim and as suspect.
      ids.add(victim);
      roles.add(Role.SUSPECT);
    } else if (Rng.chance(r, 0.7)) {
      ids.add(world.ids().pncPerson());
      roles.add(Role.SUSPECT);
    }
    String witness = null;
    if (Rng.chance(r, 0.15)) {
      witness = world.ids().localPerson(f);
      ids.add(witness);
      roles.add(Role.WITNESS);
    }
    Ev report = world.crime(r, f, reportedAt, offence, ids, roles, true);

    DisclosureTiming timing = disclosedBeforeReport || !Rng.chance(r, 0.75) ? null
        : DisclosureTiming.values()[Rng.pick(r, Rng.cumulative(0.25, 0.35, 0.40))];
    CaseLifecycle.Kind kind = CaseLifecycle.drawKind(r, offence, timing == DisclosureTiming.AROUND_CLOSURE);
    List<CaseLifecycle.Step> steps = CaseLifecycle.draw(r, kind, reportedAt);
    world.lifecycle(report, steps, true);

    if (mixedLaterReport) {
      long later = reportedAt + Rng.between(r, HOUR, 5 * DAY);
      Ev second = world.crime(r, f, later, Rng.chance(r, 0.5) ? Offence.PUBLIC_ORDER : Offence.VIOLENCE_WITHOUT_INJURY,
          List.of(world.ids().localPerson(f), victim), List.of(Role.VICTIM, Role.SUSPECT), true);
      world.lifecycle(second, CaseLifecycle.draw(r, CaseLifecycle.drawKind(r, second.offence, false), later), true);
    }
    if (Rng.chance(r, 0.4)) {
      long t = reportedAt + (Rng.chance(r, 0.8) ? Rng.between(r, 10 * MINUTE, 48 * HOUR)
          : Rng.between(r, 3 * DAY, 60 * DAY));
      world.pnc(r, flowForce, t, victim, PncReason.IMMIGRATION_STATUS,
          Rng.chance(r, 0.6) ? report.reportId : null, true);
    }
    if (witness != null && Rng.chance(r, 0.3)) {
      world.pnc(r, f, reportedAt + Rng.between(r, HOUR, 10 * DAY), witness, PncReason.IMMIGRATION_STATUS,
          report.reportId, true);
    }
    if (timing != null) {
      long t = disclosureTime(r, timing, kind, steps, reportedAt, flowForce);
      immigrationDisclosure(r, flowForce, t, victim, Rng.chance(r, 0.8) ? report.reportId : null,
          Volumes.VICTIM_CHANNEL_MIX, Volumes.VICTIM_PURPOSE_MIX);
    }
    // Ordinary handling of a victim: safeguarding referrals and investigative checks (not immigration).
    if (Rng.chance(r, 0.2)) {
      world.disclosure(r, f, reportedAt + Rng.between(r, DAY, 10 * DAY), victim, Recipient.SOCIAL_SERVICES,
          Channel.LETTER, Purpose.SAFEGUARDING, report.reportId, false);
    }
    if (Rng.chance(r, 0.3)) {
      world.pnc(r, f, reportedAt + Rng.between(r, HOUR, 5 * DAY), victim, PncReason.CRIME_INVESTIGATION,
          report.reportId, false);
    }
  }

  private long disclosureTime(SplittableRandom r, DisclosureTiming timing, CaseLifecycle.Kind kind,
                              List<CaseLifecycle.Step> steps, long reportedAt, Forces.Force discloser) {
    boolean closes = CaseLifecycle.closes(kind);
    long closure = closes ? CaseLifecycle.closure(steps) : Long.MAX_VALUE;
    if (timing == DisclosureTiming.AT_REPORT) {
      return reportedAt + Rng.between(r, 30 * MINUTE, 71 * HOUR);
    }
    if (timing == DisclosureTiming.WHILE_OPEN && closure - reportedAt > 74 * HOUR) {
      long last = Math.min(closure - HOUR, reportedAt + 180 * DAY);
      return Rng.between(r, reportedAt + 73 * HOUR, last);
    }
    if (!closes) {
      return Rng.between(r, reportedAt + 73 * HOUR, reportedAt + 120 * DAY);
    }
    boolean soon = Rng.chance(r, world.defers(discloser) ? 0.9 : 0.35);
    return soon ? closure + Rng.between(r, 0, 14 * DAY) : closure + Rng.between(r, 14 * DAY + HOUR, 120 * DAY);
  }

  void immigrationDisclosure(SplittableRandom r, Forces.Force f, long t, String person, String reportId,
                             double[] channels, double[] purposes) {
    world.disclosure(r, f, t, person,
        Rng.pick(r, Volumes.IMMIGRATION_RECIPIENTS, Volumes.IMMIGRATION_RECIPIENT_MIX),
        Rng.pick(r, Volumes.VICTIM_CHANNELS, channels),
        Rng.pick(r, Volumes.IMMIGRATION_PURPOSES, purposes), reportId, true);
  }

  void custody(SplittableRandom r, Forces.Force f, long t0) {
    Offence offence = Rng.pick(r, Volumes.OFFENCES, Volumes.OFFENCE_MIX);
    String suspect = world.ids().pncPerson();
    List<String> ids = new ArrayList<>(3);
    List<Role> roles = new ArrayList<>(3);
    if (offence != Offence.DRUGS && offence != Offence.TRAFFIC) {
      ids.add(Rng.chance(r, 0.25) ? world.ids().pncPerson() : world.ids().localPerson(f));
      roles.add(Role.VICTIM);
    }
    ids.add(suspect);
    roles.add(Rng.chance(r, 0.3) ? Role.OFFENDER : Role.SUSPECT);
    Ev report = world.crime(r, f, t0, offence, ids, roles, true);
    world.lifecycle(report, CaseLifecycle.draw(r, CaseLifecycle.drawKind(r, offence, false), t0), true);
    if (Rng.chance(r, 0.9)) {
      world.pnc(r, f, t0 + Rng.between(r, 30 * MINUTE, 12 * HOUR), suspect, PncReason.IMMIGRATION_STATUS,
          report.reportId, true);
    }
    if (Rng.chance(r, 0.3)) {
      immigrationDisclosure(r, f, t0 + Rng.between(r, HOUR, 5 * DAY), suspect, report.reportId,
          Volumes.CUSTODY_CHANNEL_MIX, Volumes.CUSTODY_PURPOSE_MIX);
    }
  }

  void unreported(SplittableRandom r, Forces.Force f, long t0) {
    String person = Rng.chance(r, 0.6) ? world.ids().pncPerson() : world.ids().localPerson(f);
    if (Rng.chance(r, 0.8)) {
      world.pnc(r, f, t0, person, PncReason.IMMIGRATION_STATUS, null, true);
    } else {
      immigrationDisclosure(r, f, t0, person, null, Volumes.VICTIM_CHANNEL_MIX, Volumes.VICTIM_PURPOSE_MIX);
    }
  }
}
