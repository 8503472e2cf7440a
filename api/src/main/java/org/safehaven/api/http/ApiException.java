package org.safehaven.api.http;

/**
 * An answer other than 200, with the status, a short machine-readable code and a message for people.
 * Messages say what was wrong and what is accepted; they never repeat the caller's input (it could be
 * anything, including a person identifier pasted into the wrong field).
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad-request", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  /** Also the answer for another force's alert or lineage: existence is not revealed. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "not-found", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
