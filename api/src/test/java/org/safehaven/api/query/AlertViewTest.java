package org.safehaven.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertViewTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anAlertSaysWhichRevisionItIsAndWhetherItIsWithdrawnAfterTheShapeOfDomainMd() throws Exception {
    ObjectNode v = AlertView.of(JSON.readTree("{\"alertId\":\"a\",\"rule\":\"SHARED_AT_REPORT\",\"revision\":3,"
        + "\"withdrawn\":true}"));
    List<String> names = new ArrayList<>();
    v.fieldNames().forEachRemaining(names::add);
    assertThat(names).startsWith(AlertView.SHAPE.toArray(String[]::new)).endsWith("revision", "withdrawn");
    assertThat(v.get("revision").asInt()).isEqualTo(3);
    assertThat(v.get("withdrawn").asBoolean()).isTrue();
  }

  @Test
  void aDocumentIndexedBeforeRevisionsReadsAsAStandingFirstRevision() throws Exception {
    ObjectNode v = AlertView.of(JSON.readTree("{\"alertId\":\"a\",\"rule\":\"DELAYED_SHARING\"}"));
    assertThat(v.get("revision").asInt()).isEqualTo(1);
    assertThat(v.get("withdrawn").asBoolean()).isFalse();
  }
}
