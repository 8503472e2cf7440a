package org.safehaven.generator.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.safehaven.schema.PncReason;
import org.safehaven.schema.Recipient;

class WorldTest {

  private static final Set<Recipient> IMMIGRATION =
      Set.of(Recipient.IMMIGRATION_ENFORCEMENT, Recipient.BORDER_FORCE, Recipient.UK_VISAS_AND_IMMIGRATION);

  private static World world(List<String> forces, double scale, double breachRate, int days) {
    return new World(new WorldParams(7, LocalDate.of(2025, 1, 1), days,
        forces.stream().map(Forces::bySlug).toList(), scale, breachRate, 0, "", Long.MIN_VALUE));
  }

  @Test
  void forceWeightsCoverEveryForceAndAddUpToTheNationalCrimeFigure() {
    assertThat(Forces.ALL).hasSize(44);
    assertThat(Forces.NATIONAL_WEIGHT * 1000).isBetween(5_200_000.0, 5_800_000.0);
    Forces.Force met = Forces.bySlug("metropolitan");
    assertThat(Forces.ALL).allSatisfy(f -> assertThat(f.weight()).isLessThanOrEqualTo(met.weight()));
    assertThat(Forces.share(Forces.bySlug("city-of-london"))).isLessThan(0.005);
  }

  @Test
  void aNationalDayHasRealisticVolumesAndFewImmigrationFlows() {
    World w = world(org.safehaven.core.id.ForceId.SLUGS, 1.0, 1.0, 1);
    Map<EvType, Integer> byType = new HashMap<>();
    int immigration = 0;
    for (long i = 0; i < w.slices(); i++) {
      for (Ev e : w.slice(i)) {
        byType.merge(e.type, 1, Integer::sum);
        if (e.type == EvType.PNC_QUERY && e.reason == PncReason.IMMIGRATION_STATUS
            || e.type == EvType.DISCLOSURE && IMMIGRATION.contains(e.recipient)) {
          immigration++;
        }
      }
    }
    // 5.5 million crimes and 45 million PNC queries a year.
    assertThat(byType.get(EvType.CRIME_REPORTED)).isBetween(14_000, 16_500);
    assertThat(byType.get(EvType.PNC_QUERY)).isBetween(115_000, 131_000);
    assertThat(immigration).isBetween(20, 90);
  }

  @Test
  void immigrationFlowsAreOnlyAboutTrackedPersonsWhoseReportsAreRelevant() {
    World w = world(List.of("kent", "essex", "metropolitan"), 0.05, 200, 60);
    Set<String> flowSubjects = new HashSet<>();
    Set<String> inOrdinaryReports = new HashSet<>();
    Set<String> relevantReports = new HashSet<>();
    int flows = 0;
    for (long i = 0; i < w.slices(); i++) {
      for (Ev e : w.slice(i)) {
        boolean immigrationFlow = e.type == EvType.PNC_QUERY && e.reason == PncReason.IMMIGRATION_STATUS
            || e.type == EvType.DISCLOSURE && IMMIGRATION.contains(e.recipient);
        if (immigrationFlow) {
          flows++;
          assertThat(e.relevant).isTrue();
          flowSubjects.add(e.personId);
        }
        if (e.type == EvType.CRIME_REPORTED) {
          if (e.relevant) {
            relevantReports.add(e.reportId);
          } else {
            inOrdinaryReports.addAll(List.of(e.personIds));
          }
        }
        if (e.type == EvType.CASE_STATUS) {
          assertThat(e.relevant).isEqualTo(relevantReports.contains(e.reportId));
        }
      }
    }
    assertThat(flows).isGreaterThan(100);
    flowSubjects.retainAll(inOrdinaryReports);
    assertThat(flowSubjects).as("no immigration flow is about a person of an ordinary report").isEmpty();
  }

  @Test
  void slicesAreInEventTimeOrderAndInsideTheirSlice() {
    World w = world(List.of("kent"), 1.0, 50, 3);
    for (long i = 0; i < w.slices(); i++) {
      long previous = Long.MIN_VALUE;
      for (Ev e : w.slice(i)) {
        assertThat(e.time).isBetween(w.sliceStart(i), w.sliceStart(i + 1) - 1).isGreaterThanOrEqualTo(previous);
        previous = e.time;
      }
    }
  }
}
