package org.safehaven.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ApicurioRegistryTest {

  private final ApicurioRegistry.Plan plan = new ApicurioRegistry.Plan(Path.of("/data/registry"), 18081, 384);

  @Test
  void registryListensOnLoopbackOnTheChosenPortWithTheConfiguredHeap() {
    assertThat(ApicurioRegistry.command(Path.of("/jdk/bin/java"), Path.of("/dist/app-runner.jar"), plan))
        .contains("-Xmx384m", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=18081")
        .endsWith("-jar", "/dist/app-runner.jar");
  }

  @Test
  void schemasAreStoredInAFileUnderTheDataDirectorySoIdsSurviveARestart() {
    assertThat(ApicurioRegistry.environment(plan))
        .containsEntry("REGISTRY_DATASOURCE_URL", "jdbc:h2:file:/data/registry/db/registry");
  }

  @Test
  void clientsUseTheConfluentCompatibleApi() {
    assertThat(plan.ccompatUrl()).isEqualTo("http://127.0.0.1:18081/apis/ccompat/v7");
  }
}
