package org.safehaven.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiTest {

  @Test
  void theDescriptionIsOpenApi31AndDocumentsEveryEndpointWithItsErrors() throws Exception {
    JsonNode doc;
    try (InputStream in = ApiServer.class.getResourceAsStream("/org/safehaven/api/openapi.json")) {
      doc = new ObjectMapper().readTree(in);
    }
    assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
    List<String> paths = new ArrayList<>();
    doc.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).containsExactlyInAnyOrder("/api/v1/alerts", "/api/v1/alerts/{alertId}", "/api/v1/alerts/stream",
        "/api/v1/flows", "/api/v1/delays", "/api/v1/metrics", "/api/v1/lineage/{reportId}",
        "/api/v1/lineage/person/{personRef}", "/api/v1/health", "/api/v1/openapi.json");
    for (String p : List.of("/api/v1/alerts", "/api/v1/flows", "/api/v1/delays", "/api/v1/metrics")) {
      JsonNode responses = doc.at("/paths/" + p.replace("/", "~1") + "/get/responses");
      assertThat(responses.has("400")).as(p).isTrue();
      assertThat(responses.has("401")).as(p).isTrue();
      assertThat(responses.has("403")).as(p).isTrue();
    }
    assertThat(doc.at("/paths/~1api~1v1~1flows/get/responses/200/content").has("text/csv")).isTrue();
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
  }
}
