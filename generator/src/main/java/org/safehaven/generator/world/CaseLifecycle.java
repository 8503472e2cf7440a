package org.safehaven.generator.world;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Offence;

/**
 * What happens to a case after its report, as a list of status changes with their times. The mix is a
 * plausible approximation of outcomes in England and Wales: most volume crime (theft, criminal damage,
 * burglary) is closed within weeks with no suspect identified; most cases with a suspect end in no further
 * action; a minority are charged and closed months later; some investigations run past the generated
 * period; a few closed cases are reopened.
 */
public final class CaseLifecycle {

  /** One status change, {@code at} in epoch seconds. */
  public record Step(CaseStatusValue status, long at) {
  }

  public enum Kind { QUICK_CLOSE, NO_FURTHER_ACTION, CHARGED_THEN_CLOSED, LONG_OPEN, REOPENED }

  private static final long HOUR = 3600;
  private static final long DAY = 86_400;

  private CaseLifecycle() {
  }

  /** Share of cases closed quickly, by offence (ordinal of {@link Offence}). */
  private static double quickShare(Offence o) {
    return switch (o) {
      case THEFT -> 0.65;
      case CRIMINAL_DAMAGE, BURGLARY, FRAUD -> 0.60;
      case OTHER -> 0.50;
      case ROBBERY, PUBLIC_ORDER -> 0.45;
      case VIOLENCE_WITHOUT_INJURY, HATE_CRIME -> 0.35;
      case TRAFFIC -> 0.30;
      case VIOLENCE_WITH_INJURY -> 0.25;
      case DOMESTIC_ABUSE -> 0.20;
      case DRUGS -> 0.15;
      case SEXUAL_OFFENCE -> 0.10;
      case MODERN_SLAVERY -> 0.05;
    };
  }

  public static Kind drawKind(SplittableRandom r, Offence o, boolean mustClose) {
    if (!mustClose && Rng.chance(r, quickShare(o))) {
      return Kind.QUICK_CLOSE;
    }
    boolean prosecutable = o == Offence.DRUGS || o == Offence.TRAFFIC;
    double[] mix = mustClose
        ? Rng.cumulative(0.35, 0.45, 0.20, 0.0, 0.0)
        : Rng.cumulative(0.0, prosecutable ? 0.25 : 0.55, prosecutable ? 0.55 : 0.22, 0.20, 0.03);
    return Kind.values()[Rng.pick(r, mix)];
  }

  /** The status changes of a case reported at {@code reportedAt}; the last one closes it unless LONG_OPEN or REOPENED. */
  public static List<Step> draw(SplittableRandom r, Kind kind, long reportedAt) {
    List<Step> steps = new ArrayList<>(4);
    switch (kind) {
      case QUICK_CLOSE -> steps.add(new Step(CaseStatusValue.CLOSED, reportedAt + Rng.between(r, DAY, 21 * DAY)));
      case NO_FURTHER_ACTION -> {
        long ui = reportedAt + Rng.between(r, 600, 3 * DAY);
        steps.add(new Step(CaseStatusValue.UNDER_INVESTIGATION, ui));
        steps.add(new Step(CaseStatusValue.NO_FURTHER_ACTION, ui + Rng.between(r, 14 * DAY, 180 * DAY)));
      }
      case CHARGED_THEN_CLOSED -> {
        long ui = reportedAt + Rng.between(r, 600, 3 * DAY);
        long charged = ui + Rng.between(r, 14 * DAY, 120 * DAY);
        steps.add(new Step(CaseStatusValue.UNDER_INVESTIGATION, ui));
        steps.add(new Step(CaseStatusValue.CHARGED, charged));
        steps.add(new Step(CaseStatusValue.CLOSED, charged + Rng.between(r, 30 * DAY, 270 * DAY)));
      }
      case LONG_OPEN -> {
        long open = reportedAt + Rng.between(r, 60, 2 * HOUR);
        steps.add(new Step(CaseStatusValue.OPEN, open));
        steps.add(new Step(CaseStatusValue.UNDER_INVESTIGATION, open + Rng.between(r, 5 * DAY, 60 * DAY)));
      }
      case REOPENED -> {
        long ui = reportedAt + Rng.between(r, 600, 3 * DAY);
        long closed = ui + Rng.between(r, 7 * DAY, 40 * DAY);
        long reopened = closed + Rng.between(r, 5 * DAY, 60 * DAY);
        steps.add(new Step(CaseStatusValue.UNDER_INVESTIGATION, ui));
        steps.add(new Step(CaseStatusValue.CLOSED, closed));
        steps.add(new Step(CaseStatusValue.UNDER_INVESTIGATION, reopened));
        steps.add(new Step(CaseStatusValue.CLOSED, reopened + Rng.between(r, 14 * DAY, 120 * DAY)));
      }
      default -> throw new IllegalStateException();
    }
    return steps;
  }

  /** When a lifecycle of kind QUICK_CLOSE, NO_FURTHER_ACTION or CHARGED_THEN_CLOSED closes: its last step. */
  public static long closure(List<Step> steps) {
    return steps.get(steps.size() - 1).at();
  }

  public static boolean closes(Kind k) {
    return k == Kind.QUICK_CLOSE || k == Kind.NO_FURTHER_ACTION || k == Kind.CHARGED_THEN_CLOSED;
  }
}
