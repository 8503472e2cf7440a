package org.safehaven.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.id.ForceId;

class DemoTokensTest {

  @Test
  void oneTokenPerRoleAndForceEachGrantingExactlyItsRoleAndStoredOnlyAsAHash(@TempDir Path dir) throws Exception {
    TokenStore store = TokenStore.open(TokenStore.defaultFile(dir));
    Map<String, String> tokens = DemoTokens.issue(store);
    assertThat(tokens).hasSize(2 + ForceId.SLUGS.size());
    assertThat(store.authenticate(tokens.get("token.oversight"))).contains(AccessRole.OVERSIGHT);
    assertThat(store.authenticate(tokens.get("token.researcher"))).contains(AccessRole.RESEARCHER);
    assertThat(store.authenticate(tokens.get("token.force.kent"))).contains(AccessRole.force(ForceId.of("kent")));
    assertThat(store.authenticate(tokens.get("token.force.btp"))).contains(AccessRole.force(ForceId.of("btp")));
    String file = Files.readString(store.file());
    tokens.values().forEach(t -> assertThat(file).doesNotContain(t));
  }
}
