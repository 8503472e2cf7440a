package org.safehaven.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.transport.http.TransportHttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElasticsearchClientsTest {

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBodyOfManyBuffersIsSentAsOneWithTheSameBytes() {
    var request = new TransportHttpClient.Request("POST", "/_bulk", Map.of(), Map.of("a", "b"),
        List.of(bytes("{\"index\":{}}\n"), bytes("{\"x\":1}"), bytes("\n")));
    var one = ElasticsearchClients.HandOff.coalesced(request);
    Iterator<ByteBuffer> it = one.body().iterator();
    ByteBuffer b = it.next();
    assertThat(it.hasNext()).isFalse();
    assertThat(StandardCharsets.UTF_8.decode(b).toString()).isEqualTo("{\"index\":{}}\n{\"x\":1}\n");
    assertThat(one.path()).isEqualTo("/_bulk");
    assertThat(one.headers()).containsEntry("a", "b");
    assertThat(request.body().iterator().next().remaining()).as("the original buffers are not consumed").isEqualTo(13);
  }

  @Test
  void requestsWithoutABodyOrWithOneBufferAreLeftAlone() {
    var none = new TransportHttpClient.Request("GET", "/", Map.of(), Map.of(), null);
    assertThat(ElasticsearchClients.HandOff.coalesced(none)).isSameAs(none);
    var single = new TransportHttpClient.Request("POST", "/x", Map.of(), Map.of(), List.of(bytes("{}")));
    assertThat(ElasticsearchClients.HandOff.coalesced(single)).isSameAs(single);
  }

  @Test
  void onlyHttpUrlsAreAccepted() {
    assertThatThrownBy(() -> ElasticsearchClients.connect("ftp://x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ElasticsearchClients.connect("not a url")).isInstanceOf(IllegalArgumentException.class);
  }
}
