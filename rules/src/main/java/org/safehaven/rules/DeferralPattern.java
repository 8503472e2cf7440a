package org.safehaven.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.safehaven.schema.Rule;
import org.safehaven.schema.Severity;

/**
 * SYSTEMATIC_DEFERRAL, once, for both engines: a force-level pattern over the force's DELAYED_SHARING
 * disclosures taken in (disclosedAt, eventId) order. For each such disclosure d at t the window is the force's
 * delayed disclosures up to and including d with disclosedAt in {@code [t - patternWindow, t]}; the pattern
 * fires on d when the window holds at least patternMinDisclosures, strictly more than
 * patternAfterClosureShare of them soon after closure, and the force's previous firing is not later than
 * {@code t - patternWindow} (at most one per force per window). The alert names d.
 *
 * <p>Why "from": a change at one position of the order (a disclosure that became, or stopped being, delayed
 * sharing, whenever it arrived) can change only the firings at or after that position; firings before it saw
 * none of it. So an engine recomputes from the changed position on, seeded with the last firing before it,
 * and needs the entries of one pattern window before that position, not the force's whole history.
 */
public final class DeferralPattern {

  /** A DELAYED_SHARING disclosure as the pattern counts it. */
  public record Entry(String eventId, long disclosedAt, boolean soonAfterClosure) implements Serializable {
    public Entry {
      Objects.requireNonNull(eventId, "eventId");
    }
  }

  /** The pattern completed by disclosure {@code eventId}, with the window's two counts. */
  public record Firing(String eventId, long disclosedAt, int windowDisclosures, int windowAfterClosure)
      implements Serializable {
  }

  public static final Comparator<Entry> ORDER =
      Comparator.comparingLong(Entry::disclosedAt).thenComparing(Entry::eventId);

  private DeferralPattern() {
  }

  /**
   * The firings at or after position {@code from} in pattern order.
   *
   * @param entries         the force's delayed disclosures, any order; must include every one with disclosedAt
   *                        at or after {@code from.disclosedAt - patternWindow} (more are harmless)
   * @param from            the first position to decide (it need not be one of the entries); null: from the start
   * @param lastFiredBefore disclosedAt of the force's latest firing strictly before {@code from}, or null
   */
  public static List<Firing> firingsFrom(Collection<Entry> entries, Entry from, Long lastFiredBefore,
                                         RuleSettings rules) {
    List<Entry> ordered = new ArrayList<>(entries);
    ordered.sort(ORDER);
    List<Firing> out = new ArrayList<>();
    Long lastFired = lastFiredBefore;
    int lo = 0;
    int soonInWindow = 0;
    for (int i = 0; i < ordered.size(); i++) {
      Entry d = ordered.get(i);
      if (d.soonAfterClosure()) {
        soonInWindow++;
      }
      long start = d.disclosedAt() - rules.patternWindowMillis;
      while (ordered.get(lo).disclosedAt() < start) {
        if (ordered.get(lo).soonAfterClosure()) {
          soonInWindow--;
        }
        lo++;
      }
      if (from != null && ORDER.compare(d, from) < 0) {
        continue;
      }
      int count = i - lo + 1;
      boolean quiet = lastFired == null || lastFired <= start;
      if (quiet && rules.patternMet(count, soonInWindow)) {
        out.add(new Firing(d.eventId(), d.disclosedAt(), count, soonInWindow));
        lastFired = d.disclosedAt();
      }
    }
    return out;
  }

  /** The decision of a firing: MEDIUM (never raised to CRITICAL), about the force, with no person or report. */
  public static Decision decision(String force, Firing f) {
    return new Decision(Rule.SYSTEMATIC_DEFERRAL, force, f.eventId(), f.disclosedAt(), Severity.MEDIUM, null, null,
        null, null, null, false, null, null, false, f.windowDisclosures(), f.windowAfterClosure());
  }

  /** A DELAYED_SHARING decision as the pattern counts it. */
  public static Entry entryOf(Decision delayed) {
    if (delayed.rule() != Rule.DELAYED_SHARING) {
      throw new IllegalArgumentException("only DELAYED_SHARING counts towards the pattern");
    }
    return new Entry(delayed.triggeringEventId(), delayed.eventTime(), delayed.soonAfterClosure());
  }
}
