package org.safehaven.api.access;

import java.util.Optional;
import org.safehaven.api.http.ApiException;
import org.safehaven.core.auth.AccessRole;
import org.safehaven.core.auth.TokenStore;

/** Bearer tokens to callers, through the hashed {@link TokenStore}. */
public final class Authenticator {

  private final TokenStore tokens;

  public Authenticator(TokenStore tokens) {
    this.tokens = tokens;
  }

  /**
   * @param authorization the Authorization header, or null
   * @throws ApiException 401 without a bearer token or with one the store does not know
   */
  public Caller authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiException.unauthorized("a bearer token is required (Authorization: Bearer <token>)");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
    }
    Optional<AccessRole> role = tokens.authenticate(authorization.substring(7).trim());
    return new Caller(role.orElseThrow(() -> ApiException.unauthorized("the token is not valid")));
  }
}
