package org.safehaven.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.safehaven.runtime.StackException;

class ServiceChainTest {

  private final List<String> events = new ArrayList<>();

  private AutoCloseable service(String name) {
    events.add("start " + name);
    return () -> events.add("close " + name);
  }

  @Test
  void closesServicesInReverseStartOrder() {
    ServiceChain chain = new ServiceChain(line -> { });
    chain.start("ingest", () -> service("ingest"));
    chain.start("streams", () -> service("streams"));
    chain.start("api", () -> service("api"));
    assertThat(chain.running()).containsExactly("ingest", "streams", "api");

    chain.close();

    assertThat(events).containsExactly("start ingest", "start streams", "start api",
        "close api", "close streams", "close ingest");
    assertThat(chain.running()).isEmpty();
  }

  @Test
  void aServiceThatFailsToStartStopsTheOnesAlreadyStartedAndIsNamedInOneLine() {
    ServiceChain chain = new ServiceChain(line -> { });
    chain.start("ingest", () -> service("ingest"));
    chain.start("streams", () -> service("streams"));

    assertThatThrownBy(() -> chain.start("flink", () -> {
      throw new IllegalStateException("the policy file is unreadable");
    })).isInstanceOf(StackException.class)
        .hasMessage("flink did not start: the policy file is unreadable");

    assertThat(events).containsExactly("start ingest", "start streams", "close streams", "close ingest");
  }

  @Test
  void aFailingCloseDoesNotKeepEarlierServicesRunningAndIsReported() {
    List<String> progress = new ArrayList<>();
    ServiceChain chain = new ServiceChain(progress::add);
    chain.start("ingest", () -> service("ingest"));
    chain.start("api", () -> () -> {
      throw new IllegalStateException("port busy");
    });

    chain.close();

    assertThat(events).containsExactly("start ingest", "close ingest");
    assertThat(progress).contains("api did not stop cleanly (IllegalStateException)");
  }

  @Test
  void closeIsIdempotentAndNothingStartsAfterIt() {
    ServiceChain chain = new ServiceChain(line -> { });
    chain.start("ingest", () -> service("ingest"));
    chain.close();
    chain.close();

    assertThat(events).containsExactly("start ingest", "close ingest");
    assertThatThrownBy(() -> chain.start("api", () -> service("api")))
        .isInstanceOf(StackException.class).hasMessageContaining("stopping");
    assertThat(events).doesNotContain("start api");
  }
}
