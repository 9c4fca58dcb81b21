package dev.boreal.cli.serve;

/**
 * A request the server refuses: the HTTP status, one sentence for the client, and the JSON field at fault
 * ({@code rows[3].color}) when there is one. Thrown while handling a request and turned into a JSON error
 * response; it never leaves the server.
 */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;

  HttpError(int status, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  /** 400: the body is not what the endpoint reads. */
  static HttpError badRequest(String message, String field) {
    return new HttpError(400, message, field);
  }

  int status() {
    return status;
  }

  /** The JSON path of the offending value, or {@code null}. */
  String field() {
    return field;
  }
}
