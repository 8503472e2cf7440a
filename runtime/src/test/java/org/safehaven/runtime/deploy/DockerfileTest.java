package org.safehaven.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile at the repository root builds and runs on Java 17, the build's --release. */
class DockerfileTest {

  private static final List<String> LINES = DeploymentFiles.dockerfileLines();

  @Test
  void everyBaseImageIsJava17AndTheServicesRunOnAJre() {
    List<String> images = DeploymentFiles.fromImages(LINES);

    assertThat(images).hasSizeGreaterThanOrEqualTo(3);
    assertThat(images).allSatisfy(image -> assertThat(DeploymentFiles.javaVersion(image)).as(image).isEqualTo(17));
    assertThat(images.get(images.size() - 1)).as("the default (last) stage").startsWith("eclipse-temurin:17")
        .contains("-jre");
    assertThat(images).allSatisfy(image -> assertThat(DeploymentFiles.tag(image)).isNotEmpty().isNotEqualTo("latest"));
  }

  @Test
  void javaVersionIsReadFromEachKindOfTagAndAnotherVersionIsSeen() {
    assertThat(DeploymentFiles.javaVersion("maven:3.9.9-eclipse-temurin-17")).isEqualTo(17);
    assertThat(DeploymentFiles.javaVersion("eclipse-temurin:17.0.15_6-jre-jammy")).isEqualTo(17);
    assertThat(DeploymentFiles.javaVersion("flink:2.2.1-java17")).isEqualTo(17);
    assertThat(DeploymentFiles.javaVersion("eclipse-temurin:21-jre")).isEqualTo(21);
    assertThat(DeploymentFiles.javaVersion("debian:12")).isEqualTo(-1);
  }

  @Test
  void theStagesComposeBuildsExistAndTheImageSetsOnlyKnownSettings() {
    assertThat(LINES).anyMatch(l -> l.matches("FROM \\S+ AS services\\s*"))
        .anyMatch(l -> l.matches("FROM \\S+ AS flink-job\\s*"));
    Pattern env = Pattern.compile("^ENV\\s+(SAFEHAVEN_[A-Z_]+)=");
    for (String line : LINES) {
      Matcher m = env.matcher(line);
      if (m.find()) {
        assertThat(DeploymentFiles.knownVariables()).as(line).contains(m.group(1));
      }
    }
    assertThat(LINES).anyMatch(l -> l.startsWith("ENV SAFEHAVEN_DATA_DIR="));
    assertThat(LINES).anyMatch(l -> l.startsWith("ENTRYPOINT") && l.contains("org.safehaven.runtime.Main"));
  }
}
