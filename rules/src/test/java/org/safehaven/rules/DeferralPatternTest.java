package org.safehaven.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.safehaven.core.policy.Policy;
import org.safehaven.rules.DeferralPattern.Entry;
import org.safehaven.rules.DeferralPattern.Firing;

class DeferralPatternTest {

  static final RuleSettings RULES = RuleSettings.of(Policy.defaults("test"));
  static final long DAY = 86_400_000L;
  static final long T0 = 1_700_000_000_000L;

  static Entry e(String id, long day, boolean soon) {
    return new Entry(id, T0 + day * DAY, soon);
  }

  @Test
  void firesOnTheFifthDelayedDisclosureWhenMoreThanHalfCameSoonAfterClosure() {
    List<Entry> entries = List.of(e("a", 0, true), e("b", 10, true), e("c", 20, false), e("d", 30, true),
        e("e", 40, false));
    assertThat(DeferralPattern.firingsFrom(entries, null, null, RULES))
        .containsExactly(new Firing("e", T0 + 40 * DAY, 5, 3));
  }

  @Test
  void exactlyHalfSoonAfterClosureIsNotAPattern() {
    List<Entry> entries = new ArrayList<>(List.of(e("a", 0, true), e("b", 1, true), e("c", 2, true),
        e("d", 3, false), e("e", 4, false), e("f", 5, false)));
    // At e: 5 entries, 3 soon (fires). Remove a and the window at f has 5 entries, 2 soon: no.
    entries.remove(0);
    assertThat(DeferralPattern.firingsFrom(entries, null, null, RULES)).isEmpty();
  }

  @Test
  void theWindowIncludesADisclosureExactlyNinetyDaysBeforeAndAtMostOneFiringPerWindow() {
    List<Entry> entries = List.of(e("a", 0, true), e("b", 30, true), e("c", 60, true), e("d", 80, true),
        e("e", 90, true), e("f", 91, true), e("g", 180, true), e("h", 181, true));
    // e at day 90: the window [0, 90] holds a..e (5, all soon) -> fires. f, g: within 90 days of e -> quiet.
    // h at day 181: the window [91, 181] holds f, g, h only (3) -> no.
    assertThat(DeferralPattern.firingsFrom(entries, null, null, RULES)).extracting(Firing::eventId)
        .containsExactly("e");
  }

  @Test
  void aFiringExactlyOneWindowEarlierNoLongerHoldsThePatternBack() {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(e("a" + i, i, true));
    }
    for (int i = 0; i < 5; i++) {
      entries.add(e("b" + i, 4 + 90 - 4 + i, true)); // days 90..94
    }
    // a4 fires at day 4; b4 at day 94: the window [4, 94] ... the quiet condition lastFired <= start holds.
    assertThat(DeferralPattern.firingsFrom(entries, null, null, RULES)).extracting(Firing::eventId)
        .contains("a4", "b4");
  }

  @Test
  void recomputingFromAnyPositionSeededWithTheLastEarlierFiringGivesTheTailOfTheFullComputation() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      List<Entry> entries = new ArrayList<>();
      int n = 5 + random.nextInt(40);
      for (int i = 0; i < n; i++) {
        entries.add(new Entry("x" + i, T0 + random.nextInt(400) * DAY / 2, random.nextBoolean()));
      }
      List<Firing> all = DeferralPattern.firingsFrom(entries, null, null, RULES);
      List<Entry> shuffled = new ArrayList<>(entries);
      Collections.shuffle(shuffled, random);
      assertThat(DeferralPattern.firingsFrom(shuffled, null, null, RULES)).isEqualTo(all);
      List<Entry> ordered = new ArrayList<>(entries);
      ordered.sort(DeferralPattern.ORDER);
      Entry from = ordered.get(random.nextInt(ordered.size()));
      Long lastBefore = null;
      List<Firing> tail = new ArrayList<>();
      for (Firing f : all) {
        if (DeferralPattern.ORDER.compare(new Entry(f.eventId(), f.disclosedAt(), false), from) < 0) {
          lastBefore = f.disclosedAt();
        } else {
          tail.add(f);
        }
      }
      // Only the entries of one window before the position are needed.
      List<Entry> needed = ordered.stream()
          .filter(x -> x.disclosedAt() >= from.disclosedAt() - RULES.patternWindowMillis).toList();
      assertThat(DeferralPattern.firingsFrom(needed, from, lastBefore, RULES)).as("round %d", round).isEqualTo(tail);
    }
  }
}
