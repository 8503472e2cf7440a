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
 * The bulk of the stream: ordinary crime reports with their case lifecycles, PNC queries (none about
 * immigration status) and disclosures to non-immigration recipients, at {@link Volumes}' rates apportioned
 * by force size. Only ordinary persons appear here (see {@link World}); nothing here is relevant to the
 * answer key.
 */
final class Background {

  /** Recent persons per force, for PNC queries and disclosures about people already in a report. */
  private static final int POOL = 1024;
  private static final long LABEL = Rng.hash("background");

  private final World world;
  private final String[][] poolIds;
  private final Role[][] poolRoles;
  private final String[][] poolReports;
  private final int[] poolCount;

  Background(World world) {
    this.world = world;
    int n = Forces.ALL.size();
    poolIds = new String[n][POOL];
    poolRoles = new Role[n][POOL];
    poolReports = new String[n][POOL];
    poolCount = new int[n];
  }

  /** The background of one slice {@code [from, from + length)} lying in {@code hour} of the day. */
  void slice(long slice, long from, long length, int hour, double hours) {
    if (from + length <= world.params().backgroundFrom()) {
      return;
    }
    double perDay = world.selectedShare() * world.params().scale() / 365.0;
    double reportShare = World.hourShare(Volumes.REPORT_HOURS, hour) * hours;
    double pncShare = World.hourShare(Volumes.PNC_HOURS, hour) * hours;
    SplittableRandom r = world.rng(LABEL, slice);
    int crimes = Rng.poisson(r, Volumes.CRIMES_PER_YEAR * perDay * reportShare);
    for (int i = 0; i < crimes; i++) {
      crime(r, world.pickForce(r), from + r.nextLong(length));
    }
    int queries = Rng.poisson(r, Volumes.PNC_QUERIES_PER_YEAR * perDay * pncShare);
    for (int i = 0; i < queries; i++) {
      pnc(r, world.pickForce(r), from + r.nextLong(length));
    }
    int disclosures = Rng.poisson(r, Volumes.OTHER_DISCLOSURES_PER_YEAR * perDay * reportShare);
    for (int i = 0; i < disclosures; i++) {
      disclosure(r, world.pickForce(r), from + r.nextLong(length));
    }
  }

  private boolean skip(long t) {
    return t < world.params().backgroundFrom();
  }

  private void crime(SplittableRandom r, Forces.Force f, long t) {
    if (skip(t)) {
      return;
    }
    Offence o = Rng.pick(r, Volumes.OFFENCES, Volumes.OFFENCE_MIX);
    List<String> ids = new ArrayList<>(4);
    List<Role> roles = new ArrayList<>(4);
    template(r, o, roles);
    for (Role role : roles) {
      ids.add(person(r, f, role));
    }
    Ev report = world.crime(r, f, t, o, ids, roles, false);
    for (int i = 0; i < ids.size(); i++) {
      remember(f, ids.get(i), roles.get(i), report.reportId);
    }
    CaseLifecycle.Kind kind = CaseLifecycle.drawKind(r, o, false);
    world.lifecycle(report, CaseLifecycle.draw(r, kind, t), false);
  }

  /** Who a report of this offence names, by role; always at least one person. */
  static void template(SplittableRandom r, Offence o, List<Role> roles) {
    switch (o) {
      case DOMESTIC_ABUSE -> {
        roles.add(Role.VICTIM);
        add(r, 0.90, Role.SUSPECT, roles);
        add(r, 0.20, Role.WITNESS, roles);
        add(r, 0.15, Role.REPORTING_PERSON, roles);
      }
      case SEXUAL_OFFENCE -> {
        roles.add(Role.VICTIM);
        add(r, 0.70, Role.SUSPECT, roles);
        add(r, 0.10, Role.WITNESS, roles);
      }
      case MODERN_SLAVERY -> {
        roles.add(Role.VICTIM);
        add(r, 0.50, Role.VICTIM, roles);
        add(r, 0.60, Role.SUSPECT, roles);
      }
      case VIOLENCE_WITH_INJURY, VIOLENCE_WITHOUT_INJURY, HATE_CRIME -> {
        roles.add(Role.VICTIM);
        add(r, 0.70, Role.SUSPECT, roles);
        add(r, 0.30, Role.WITNESS, roles);
        add(r, 0.10, Role.WITNESS, roles);
      }
      case ROBBERY -> {
        roles.add(Role.VICTIM);
        add(r, 0.40, Role.SUSPECT, roles);
        add(r, 0.30, Role.WITNESS, roles);
      }
      case THEFT, BURGLARY, CRIMINAL_DAMAGE, FRAUD -> {
        roles.add(Rng.chance(r, 0.8) ? Role.VICTIM : Role.REPORTING_PERSON);
        add(r, 0.20, Role.SUSPECT, roles);
        add(r, 0.10, Role.WITNESS, roles);
      }
      case PUBLIC_ORDER -> {
        roles.add(Rng.chance(r, 0.5) ? Role.SUSPECT : Role.OFFENDER);
        add(r, 0.40, Role.VICTIM, roles);
        add(r, 0.30, Role.WITNESS, roles);
      }
      case DRUGS, TRAFFIC -> {
        roles.add(Rng.chance(r, 0.6) ? Role.OFFENDER : Role.SUSPECT);
        add(r, 0.15, Role.WITNESS, roles);
      }
      case OTHER -> {
        roles.add(Rng.chance(r, 0.6) ? Role.VICTIM : Role.REPORTING_PERSON);
        add(r, 0.30, Role.SUSPECT, roles);
      }
      default -> throw new IllegalStateException();
    }
  }

  private static void add(SplittableRandom r, double p, Role role, List<Role> roles) {
    if (Rng.chance(r, p)) {
      roles.add(role);
    }
  }

  /** A person for a role: now and then someone already known to the force (repeat victims and offenders). */
  private String person(SplittableRandom r, Forces.Force f, Role role) {
    int n = poolCount[f.index()];
    if (n > 0 && Rng.chance(r, 0.08)) {
      return poolIds[f.index()][r.nextInt(Math.min(n, POOL))];
    }
    boolean suspect = role == Role.SUSPECT || role == Role.OFFENDER;
    return Rng.chance(r, suspect ? 0.70 : 0.25) ? world.ids().pncPerson() : world.ids().localPerson(f);
  }

  private void remember(Forces.Force f, String id, Role role, String reportId) {
    int slot = poolCount[f.index()]++ % POOL;
    poolIds[f.index()][slot] = id;
    poolRoles[f.index()][slot] = role;
    poolReports[f.index()][slot] = reportId;
  }

  private void pnc(SplittableRandom r, Forces.Force f, long t) {
    if (skip(t)) {
      return;
    }
    PncReason reason = Rng.pick(r, Volumes.PNC_REASONS, Volumes.PNC_REASON_MIX);
    int n = poolCount[f.index()];
    String person;
    String reportId = null;
    if (n > 0 && Rng.chance(r, 0.55)) {
      int slot = r.nextInt(Math.min(n, POOL));
      person = poolIds[f.index()][slot];
      if (Rng.chance(r, 0.6)) {
        reportId = poolReports[f.index()][slot];
      }
    } else {
      person = Rng.chance(r, 0.7) ? world.ids().pncPerson() : world.ids().localPerson(f);
    }
    world.pnc(r, f, t, person, reason, reportId, false);
  }

  private void disclosure(SplittableRandom r, Forces.Force f, long t) {
    if (skip(t)) {
      return;
    }
    int n = poolCount[f.index()];
    if (n == 0) {
      return;
    }
    int slot = r.nextInt(Math.min(n, POOL));
    Role role = poolRoles[f.index()][slot];
    boolean protectedRole = role == Role.VICTIM || role == Role.WITNESS || role == Role.REPORTING_PERSON;
    Recipient recipient;
    Purpose purpose;
    if (protectedRole) {
      double u = r.nextDouble();
      recipient = u < 0.5 ? Recipient.SOCIAL_SERVICES : u < 0.8 ? Recipient.HEALTH
          : u < 0.9 ? Recipient.OTHER_FORCE : Recipient.OTHER;
      purpose = recipient == Recipient.OTHER_FORCE ? Purpose.CRIME_INVESTIGATION : Purpose.SAFEGUARDING;
    } else {
      double u = r.nextDouble();
      recipient = u < 0.7 ? Recipient.CPS : u < 0.9 ? Recipient.OTHER_FORCE : Recipient.OTHER;
      purpose = Purpose.CRIME_INVESTIGATION;
    }
    Channel channel = Rng.chance(r, 0.4) ? Channel.LETTER : Channel.OTHER;
    world.disclosure(r, f, t, poolIds[f.index()][slot], recipient, channel, purpose,
        poolReports[f.index()][slot], false);
  }
}
