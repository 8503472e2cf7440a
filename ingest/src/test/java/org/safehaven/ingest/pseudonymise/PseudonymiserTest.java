package org.safehaven.ingest.pseudonymise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.config.ConfigException;
import org.safehaven.core.id.PersonRef;

class PseudonymiserTest {

  static final String HEX_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  @TempDir
  Path dir;

  @Test
  void refIsPrefixedLowercaseHexOfHmacSha256OfTheIdentifier() throws Exception {
    Pseudonymiser p = new Pseudonymiser(PseudonymisationKey.parse(HEX_KEY, "test"));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HexFormat.of().parseHex(HEX_KEY), "HmacSHA256"));
    String expected = "ph_" + HexFormat.of().formatHex(mac.doFinal("PNC-1999/0123456A".getBytes(StandardCharsets.UTF_8)));

    PersonRef ref = p.ref("PNC-1999/0123456A");

    assertThat(ref.value()).isEqualTo(expected);
    assertThat(PersonRef.isWellFormed(ref.value())).isTrue();
  }

  @Test
  void sameKeyLinksAPersonAndAnotherKeyDoesNot() {
    Pseudonymiser a = new Pseudonymiser(PseudonymisationKey.parse(HEX_KEY, "a"));
    Pseudonymiser again = new Pseudonymiser(PseudonymisationKey.parse(HEX_KEY, "b"));
    Pseudonymiser other = new Pseudonymiser(PseudonymisationKey.parse(HEX_KEY.replace('0', '1'), "c"));
    assertThat(a.refText("KENT-P-77")).isEqualTo(again.refText("KENT-P-77"))
        .isNotEqualTo(a.refText("KENT-P-78")).isNotEqualTo(other.refText("KENT-P-77"));
  }

  @Test
  void keyIsReadFromTheVariableThenTheFileAndHexOrBase64Both() throws Exception {
    Path file = dir.resolve("k");
    Files.writeString(file, java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(HEX_KEY)) + "\n");
    PseudonymisationKey fromVar = PseudonymisationKey.fromEnvironment(Map.of(PseudonymisationKey.ENV_KEY, HEX_KEY));
    PseudonymisationKey fromFile = PseudonymisationKey.fromEnvironment(
        Map.of(PseudonymisationKey.ENV_KEY_FILE, file.toString()));
    assertThat(fromFile).isEqualTo(fromVar);
    assertThat(fromVar.toString()).doesNotContain(HEX_KEY).contains(PseudonymisationKey.ENV_KEY);
  }

  @Test
  void noKeyOutsideTheDemoRefusesToStart() {
    assertThatThrownBy(() -> PseudonymisationKey.fromEnvironment(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("Refusing to start");
  }

  @Test
  void shortOrGarbledKeysAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> PseudonymisationKey.parse("abcd", "x")).hasMessageContaining("shorter than 32 bytes");
    assertThatThrownBy(() -> PseudonymisationKey.parse("not a key at all!!", "x"))
        .isInstanceOf(ConfigException.class).hasMessageNotContaining("not a key");
  }

  @Test
  void demoKeyIsGeneratedOncePrivatelyAndReused() throws Exception {
    PseudonymisationKey first = PseudonymisationKey.forDemo(Map.of(), dir);
    PseudonymisationKey second = PseudonymisationKey.forDemo(Map.of(), dir);
    Path file = PseudonymisationKey.demoKeyFile(dir);
    assertThat(first).isEqualTo(second);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file).strip()).hasSize(64);
  }
}
