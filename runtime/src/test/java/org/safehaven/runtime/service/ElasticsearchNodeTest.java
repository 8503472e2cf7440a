package org.safehaven.runtime.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ElasticsearchNodeTest {

  private static final Path HOME = Path.of("/dist/elasticsearch");

  private static ElasticsearchNode.Plan plan(Optional<ElasticsearchNode.RunAs> runAs) {
    return new ElasticsearchNode.Plan(Path.of("/data/elasticsearch"), 19200, 19300, 512, runAs);
  }

  @Test
  void asRootTheNodeRunsAsTheUnprivilegedUserThroughSetpriv() {
    var command = ElasticsearchNode.command(HOME, plan(Optional.of(new ElasticsearchNode.RunAs("safehaven", 999, 995))));
    assertThat(command).startsWith("setpriv", "--reuid=999", "--regid=995", "--clear-groups", "--",
        "/dist/elasticsearch/bin/elasticsearch");
  }

  @Test
  void asAnOrdinaryUserTheNodeRunsDirectly() {
    assertThat(ElasticsearchNode.command(HOME, plan(Optional.empty()))).first()
        .isEqualTo("/dist/elasticsearch/bin/elasticsearch");
  }

  @Test
  void nodeIsASingleLoopbackNodeWithoutSecurityOnTheChosenPortsAndDirectories() {
    assertThat(ElasticsearchNode.command(HOME, plan(Optional.empty())))
        .containsSubsequence("-E", "discovery.type=single-node")
        .containsSubsequence("-E", "xpack.security.enabled=false")
        .containsSubsequence("-E", "network.host=127.0.0.1")
        .containsSubsequence("-E", "http.port=19200")
        .containsSubsequence("-E", "transport.port=19300")
        .containsSubsequence("-E", "path.data=/data/elasticsearch/data")
        .containsSubsequence("-E", "path.logs=/data/elasticsearch/logs");
  }

  @Test
  void environmentNamesThisJdkTheConfiguredHeapAndConfigAndTempUnderTheDataDirectory() {
    var env = ElasticsearchNode.environment(Path.of("/jdk"), plan(Optional.empty()));
    assertThat(env)
        .containsEntry("ES_JAVA_HOME", "/jdk")
        .containsEntry("ES_PATH_CONF", "/data/elasticsearch/config")
        .containsEntry("ES_TMPDIR", "/data/elasticsearch/tmp");
    assertThat(env.get("ES_JAVA_OPTS")).contains("-Xms512m", "-Xmx512m");
    assertThat(env.get("CLI_JAVA_OPTS")).contains("-Djava.io.tmpdir=/data/elasticsearch/tmp");
  }
}
