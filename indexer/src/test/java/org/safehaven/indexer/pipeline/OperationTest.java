package org.safehaven.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import org.junit.jupiter.api.Test;
import org.safehaven.indexer.IndexNames;
import org.safehaven.indexer.document.Documents;
import org.safehaven.indexer.testkit.Records;
import org.safehaven.schema.Alert;

class OperationTest {

  private final Documents docs = new Documents(new IndexNames("t1"));

  @Test
  void anAlertIsWrittenWithItsRevisionAsExternalVersion() {
    Alert a = Records.delayedSharing("a-1", "kent");
    a.setRevision(3);
    BulkOperation op = IndexerLoop.operation(docs.alert(a));
    assertThat(op.index().id()).isEqualTo("a-1");
    assertThat(op.index().version()).isEqualTo(3L);
    assertThat(op.index().versionType()).isEqualTo(VersionType.External);
  }

  @Test
  void aRevisionsHistoryEntryIsWrittenWithoutAVersion() {
    BulkOperation op = IndexerLoop.operation(docs.alertRevision(Records.delayedSharing("a-1", "kent")));
    assertThat(op.index().index()).isEqualTo("t1-alert-revisions");
    assertThat(op.index().id()).isEqualTo("a-1|1");
    assertThat(op.index().version()).isNull();
    assertThat(op.index().versionType()).isNull();
  }
}
