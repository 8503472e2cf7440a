package org.safehaven.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;
import org.safehaven.core.id.ForceId;

/**
 * Demo tokens for the embedded stack: one for oversight, one for researchers and one per force, created
 * in the token store (hashed, like every token) and returned in plaintext once, for {@code ./safehaven up}
 * to put into stack.json's extras on the developer's own machine. Keys: {@code token.oversight},
 * {@code token.researcher}, {@code token.force.<slug>}.
 */
public final class DemoTokens {

  private DemoTokens() {}

  public static Map<String, String> issue(TokenStore store) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("token.oversight", store.create(AccessRole.OVERSIGHT, "demo: oversight").token());
    out.put("token.researcher", store.create(AccessRole.RESEARCHER, "demo: researcher").token());
    for (String slug : ForceId.SLUGS) {
      out.put("token.force." + slug, store.create(AccessRole.force(ForceId.of(slug)), "demo: " + slug).token());
    }
    return out;
  }
}
