package org.safehaven.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import org.safehaven.api.access.Authenticator;
import org.safehaven.api.access.Caller;
import org.safehaven.api.http.ApiException;
import org.safehaven.core.auth.AccessRole;

/**
 * {@code GET /dashboard/session}: what the signed-in token is, so the dashboard can check a pasted token
 * and show the pages its role may use. {@code {"role":"OVERSIGHT"}}, {@code {"role":"RESEARCHER"}} or
 * {@code {"role":"FORCE","force":"kent"}}; 401 for a missing or unknown token, 403 for the operator's
 * import token (not a reader). Errors have the API's shape {@code {"status","error","message"}} and never
 * echo the token. The answer is never cached.
 *
 * <p>It tells the browser nothing the token's holder could not learn from the API itself (a FORCE token's
 * own answers name its force); access to data stays with the API's own checks.
 */
final class SessionEndpoint {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Authenticator auth;

  SessionEndpoint(Authenticator auth) {
    this.auth = auth;
  }

  void handle(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    Caller caller;
    try {
      caller = auth.authenticate(ctx.header("Authorization"));
    } catch (ApiException e) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"safehaven\"");
      error(ctx, e.status(), e.code(), e.getMessage());
      return;
    }
    AccessRole role = caller.role();
    if (role.kind() == AccessRole.Kind.OPERATOR) {
      error(ctx, 403, "forbidden", "this token is for importing files, not for reading results");
      return;
    }
    ObjectNode out = JSON.createObjectNode().put("role", role.kind().name());
    if (role.force() != null) {
      out.put("force", role.force().slug());
    }
    ctx.status(200).contentType("application/json").result(out.toString());
  }

  private static void error(Context ctx, int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode().put("status", status).put("error", code).put("message", message);
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
