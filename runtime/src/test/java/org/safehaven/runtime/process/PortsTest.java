package org.safehaven.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.safehaven.runtime.StackException;

class PortsTest {

  @Test
  void zeroPicksAPortNothingListensOn() {
    int port = Ports.resolve(0, "kafka.port");
    assertThat(port).isBetween(1, 65535);
    assertThat(Ports.isFree(port)).isTrue();
  }

  @Test
  void configuredPortThatIsTakenIsRefusedNamingTheSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Ports.resolve(port, "elasticsearch.port"))
          .isInstanceOf(StackException.class)
          .hasMessageContaining("elasticsearch.port " + port + " is already in use");
      assertThat(Ports.accepts("127.0.0.1", port, 500)).isTrue();
    }
  }

  @Test
  void configuredFreePortIsKept() {
    int port = Ports.free();
    assertThat(Ports.resolve(port, "registry.port")).isEqualTo(port);
  }
}
