package org.safehaven.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.id.ForceId;

class TokenStoreTest {

  @TempDir
  Path dir;

  @Test
  void createdTokenAuthenticatesAsItsRole() {
    TokenStore store = TokenStore.open(TokenStore.defaultFile(dir));
    TokenStore.CreatedToken kent = store.create(AccessRole.force(ForceId.of("kent")), "kent IG team");
    TokenStore.CreatedToken oversight = store.create(AccessRole.OVERSIGHT, null);

    assertThat(store.authenticate(kent.token())).contains(AccessRole.force(ForceId.of("kent")));
    assertThat(store.authenticate(oversight.token())).contains(AccessRole.OVERSIGHT);
    assertThat(kent.token()).startsWith("sh_").hasSize(46);
  }

  @Test
  void fileHoldsOnlyHashesAndIsPrivateToItsOwner() throws Exception {
    Path file = TokenStore.defaultFile(dir);
    TokenStore.CreatedToken t = TokenStore.open(file).create(AccessRole.RESEARCHER, "uni");

    String content = Files.readString(file);
    assertThat(content).doesNotContain(t.token()).doesNotContain(t.token().substring(3));
    assertThat(content).contains(TokenStore.sha256(t.token()));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
  }

  @Test
  void unknownMalformedAndMissingTokensAreRefused() {
    TokenStore store = TokenStore.open(TokenStore.defaultFile(dir));
    store.create(AccessRole.OVERSIGHT, null);

    assertThat(store.authenticate(null)).isEmpty();
    assertThat(store.authenticate("")).isEmpty();
    assertThat(store.authenticate("sh_" + "A".repeat(43))).isEmpty();
    assertThat(store.authenticate("Bearer whatever")).isEmpty();
    assertThat(store.authenticate("sh_" + "x".repeat(500))).isEmpty();
  }

  @Test
  void tokenCreatedByAnotherProcessIsAcceptedWithoutRestart() {
    Path file = TokenStore.defaultFile(dir);
    TokenStore service = TokenStore.open(file);
    assertThat(service.list()).isEmpty();

    TokenStore.CreatedToken t = TokenStore.open(file).create(AccessRole.force(ForceId.of("btp")), null);

    assertThat(service.authenticate(t.token())).contains(AccessRole.force(ForceId.of("btp")));
  }

  @Test
  void revokedTokenNoLongerAuthenticates() {
    TokenStore store = TokenStore.open(TokenStore.defaultFile(dir));
    TokenStore.CreatedToken keep = store.create(AccessRole.OVERSIGHT, null);
    TokenStore.CreatedToken drop = store.create(AccessRole.RESEARCHER, null);

    assertThat(store.revoke(drop.info().id())).isTrue();

    assertThat(store.authenticate(drop.token())).isEmpty();
    assertThat(store.authenticate(keep.token())).isPresent();
    assertThat(store.revoke("no-such-id")).isFalse();
  }

  @Test
  void corruptStoreFailsLoudlyRatherThanGrantingNothingSilently() throws Exception {
    Path file = TokenStore.defaultFile(dir);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "[1,2,3]");
    assertThatThrownBy(() -> TokenStore.open(file)).hasMessageContaining("token store");
  }

  @Test
  void rolesParseFromTheirWrittenForm() {
    assertThat(AccessRole.parse("FORCE:west-midlands")).isEqualTo(AccessRole.force(ForceId.of("west-midlands")));
    assertThat(AccessRole.parse("force:kent").toString()).isEqualTo("FORCE:kent");
    assertThat(AccessRole.parse("oversight")).isEqualTo(AccessRole.OVERSIGHT);
    assertThat(AccessRole.parse("OPERATOR")).isEqualTo(AccessRole.OPERATOR);
    assertThatThrownBy(() -> AccessRole.parse("FORCE:atlantis")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessRole.parse("ADMIN")).hasMessageContaining("OVERSIGHT, RESEARCHER");
  }

  @Test
  void aForceTokenMaySubmitOnlyItsOwnForcesEvents() {
    AccessRole kent = AccessRole.force(ForceId.of("kent"));
    assertThat(kent.maySubmitFor(ForceId.of("kent"))).isTrue();
    assertThat(kent.maySubmitFor(ForceId.of("essex"))).isFalse();
    assertThat(AccessRole.OVERSIGHT.maySubmit()).isFalse();
    assertThat(AccessRole.OPERATOR.maySubmitFor(ForceId.of("essex"))).isTrue();
  }
}
