package org.safehaven.core.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.safehaven.core.registry.serde.SampleRecords;
import org.safehaven.schema.Alert;

class EncodeBufferTest {

  @Test
  void aReusedBufferGivesTheSameBytesAsAvrosOwnPathRecordAfterRecord() throws IOException {
    SpecificDatumWriter<Alert> writer = new SpecificDatumWriter<>(Alert.class);
    Alert alert = SampleRecords.alert();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    var plain = EncoderFactory.get().directBinaryEncoder(expected, null);
    writer.write(alert, plain);
    plain.flush();

    EncodeBuffer buffer = new EncodeBuffer();
    for (int i = 0; i < 3; i++) {
      buffer.reset();
      writer.write(alert, buffer.encoder(EncoderFactory.get().directBinaryEncoder(buffer, buffer.encoder())));
      buffer.encoder().flush();
      assertThat(buffer.toByteArray()).isEqualTo(expected.toByteArray());
    }
  }

  @Test
  void growsForALargeRecordAndDoesNotKeepTheLargeArrayAfterwards() {
    EncodeBuffer buffer = new EncodeBuffer();
    byte[] large = new byte[EncodeBuffer.KEEP_BYTES * 2];
    Arrays.fill(large, (byte) 7);
    buffer.write(1);
    buffer.write(large, 0, large.length);

    byte[] out = buffer.toByteArray();

    assertThat(out).hasSize(large.length + 1);
    assertThat(out[0]).isEqualTo((byte) 1);
    assertThat(out[large.length]).isEqualTo((byte) 7);
    assertThat(buffer.size()).isZero();
    buffer.write(2);
    assertThat(buffer.toByteArray()).containsExactly(2);
  }
}
