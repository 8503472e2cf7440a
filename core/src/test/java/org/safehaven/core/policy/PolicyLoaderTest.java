package org.safehaven.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.schema.CaseStatusValue;
import org.safehaven.schema.Offence;

class PolicyLoaderTest {

  @TempDir
  Path tmp;

  @Test
  void builtInPolicyHasTheThresholdsOfTheDomain() {
    Policy p = PolicyLoader.builtIn();
    assertThat(p.version()).isEqualTo("2026-1");
    assertThat(p.lookback()).isEqualTo(Duration.ofDays(730));
    assertThat(p.immediateWindow()).isEqualTo(Duration.ofHours(72));
    assertThat(p.allowedLateness()).isEqualTo(Duration.ofHours(24));
    assertThat(p.patternWindow()).isEqualTo(Duration.ofDays(90));
    assertThat(p.patternMinDisclosures()).isEqualTo(5);
    assertThat(p.patternAfterClosureWindow()).isEqualTo(Duration.ofDays(14));
    assertThat(p.patternAfterClosureShare()).isEqualTo(0.5);
    assertThat(p.criticalOffences())
        .containsExactlyInAnyOrder(Offence.DOMESTIC_ABUSE, Offence.SEXUAL_OFFENCE, Offence.MODERN_SLAVERY);
    assertThat(p.closedStatuses()).containsExactlyInAnyOrder(CaseStatusValue.CLOSED, CaseStatusValue.NO_FURTHER_ACTION);
    assertThat(p).isEqualTo(Policy.defaults("2026-1"));
  }

  @Test
  void builtInCopyIsIdenticalToTheRepositoryPolicyFile() throws IOException {
    // Surefire runs in the module folder; the published file is at the repository root.
    Path published = Path.of("..", PolicyLoader.WORKING_DIR_FILE);
    Path builtIn = Path.of("src/main/resources", PolicyLoader.CLASSPATH_RESOURCE.substring(1));
    assertThat(Files.readString(builtIn)).isEqualTo(Files.readString(published));
  }

  @Test
  void readsIsoAndShortDurationsAndLeavesOmittedKeysAtTheirDefaults() {
    Policy p = PolicyLoader.parse("""
        version: "test-2"
        lookback: P365D
        immediateWindow: PT48H
        allowedLateness: 90m
        patternWindow: 60d
        patternMinDisclosures: 3
        """, "test.yml");
    assertThat(p.version()).isEqualTo("test-2");
    assertThat(p.lookback()).isEqualTo(Duration.ofDays(365));
    assertThat(p.immediateWindow()).isEqualTo(Duration.ofHours(48));
    assertThat(p.allowedLateness()).isEqualTo(Duration.ofMinutes(90));
    assertThat(p.patternWindow()).isEqualTo(Duration.ofDays(60));
    assertThat(p.patternMinDisclosures()).isEqualTo(3);
    assertThat(p.patternAfterClosureWindow()).isEqualTo(Policy.DEFAULT_PATTERN_AFTER_CLOSURE_WINDOW);
    assertThat(p.criticalOffences()).isEqualTo(Policy.DEFAULT_CRITICAL_OFFENCES);
  }

  @Test
  void acceptsAnEmptyListOfCriticalOffencesAndANumericVersion() {
    Policy p = PolicyLoader.parse("version: 3\ncriticalOffences: []\n", "t.yml");
    assertThat(p.version()).isEqualTo("3");
    assertThat(p.criticalOffences()).isEmpty();
    assertThat(p.isCritical(Offence.DOMESTIC_ABUSE)).isFalse();
  }

  @Test
  void rejectsAnUnknownKeyNamingItAndTheKnownKeys() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\nlookbak: 730d\n", "oversight.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("oversight.yml")
        .hasMessageContaining("unknown key 'lookbak'")
        .hasMessageContaining("lookback");
  }

  @Test
  void rejectsANegativeWindowNamingTheKey() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\nimmediateWindow: -72h\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessage("policy file p.yml: 'immediateWindow' must not be negative");
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\npatternAfterClosureWindow: PT-1H\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'patternAfterClosureWindow' must not be negative");
  }

  @Test
  void rejectsAZeroLookbackNamingTheKey() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\nlookback: 0d\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessage("policy file p.yml: 'lookback' must be a positive duration");
  }

  @Test
  void rejectsAMissingVersion() {
    assertThatThrownBy(() -> PolicyLoader.parse("lookback: 730d\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("p.yml")
        .hasMessageContaining("'version' is required");
    assertThatThrownBy(() -> PolicyLoader.parse("version: \"  \"\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'version' is required");
  }

  @Test
  void rejectsAnEmptyFile() {
    assertThatThrownBy(() -> PolicyLoader.parse("# only a comment\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void rejectsADurationWithoutAUnitWithoutEchoingIt() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\nlookback: 730\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'lookback' must be a duration with a unit");
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\nlookback: two years\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessage("policy file p.yml: 'lookback' is not a duration: write e.g. 730d, 72h, 30m, P730D or PT72H");
  }

  @Test
  void rejectsAnUnknownOffenceNamingKeyAndAllowedValues() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\ncriticalOffences: [DOMESTIC_ABUSE, ARSON]\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'criticalOffences' lists 'ARSON'")
        .hasMessageContaining("MODERN_SLAVERY");
  }

  @Test
  void rejectsOpenAsAClosedStatus() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\nclosedStatuses: [OPEN, CLOSED]\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessage("policy file p.yml: 'closedStatuses' cannot contain OPEN");
  }

  @Test
  void rejectsAShareOfOneOrMore() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\npatternAfterClosureShare: 1.0\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'patternAfterClosureShare'");
  }

  @Test
  void rejectsAMinimumBelowOneAndANonIntegerMinimum() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\npatternMinDisclosures: 0\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'patternMinDisclosures' must be at least 1");
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\npatternMinDisclosures: 2.5\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'patternMinDisclosures' must be a whole number");
  }

  @Test
  void rejectsAnImmediateWindowNotShorterThanTheLookback() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\nlookback: 3d\nimmediateWindow: 72h\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'immediateWindow' must be shorter than lookback");
  }

  @Test
  void rejectsARepeatedKey() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: a\nlookback: 730d\nlookback: 10d\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("repeats a key");
  }

  @Test
  void rejectsYamlThatIsNotAMapping() {
    assertThatThrownBy(() -> PolicyLoader.parse("- version\n- 2\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("must be a YAML mapping");
    assertThatThrownBy(() -> PolicyLoader.parse("version: [unclosed\n", "p.yml"))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("is not valid YAML");
  }

  @Test
  void resolvePrefersTheExplicitFileThenTheEnvironmentThenTheWorkingDirectoryThenTheBuiltIn() throws IOException {
    Path explicit = Files.writeString(tmp.resolve("explicit.yml"), "version: explicit\n");
    Path fromEnv = Files.writeString(tmp.resolve("env.yml"), "version: env\n");
    Path workDir = Files.createDirectories(tmp.resolve("work"));
    Files.createDirectories(workDir.resolve("policy"));
    Files.writeString(workDir.resolve(PolicyLoader.WORKING_DIR_FILE), "version: workdir\n");
    Map<String, String> env = Map.of(PolicyLoader.ENV_POLICY_FILE, fromEnv.toString());

    assertThat(PolicyLoader.resolve(explicit, env, workDir).policy().version()).isEqualTo("explicit");
    assertThat(PolicyLoader.resolve(null, env, workDir).policy().version()).isEqualTo("env");
    assertThat(PolicyLoader.resolve(null, Map.of(), workDir).policy().version()).isEqualTo("workdir");
    PolicyLoader.Loaded fallback = PolicyLoader.resolve(null, Map.of(), tmp.resolve("empty"));
    assertThat(fallback.policy()).isEqualTo(PolicyLoader.builtIn());
    assertThat(fallback.source()).startsWith("built-in");
  }

  @Test
  void aMissingFileIsAPolicyExceptionNamingIt() {
    Path missing = tmp.resolve("nope.yml");
    assertThatThrownBy(() -> PolicyLoader.load(missing))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("nope.yml")
        .hasMessageContaining("cannot be read");
  }
}
