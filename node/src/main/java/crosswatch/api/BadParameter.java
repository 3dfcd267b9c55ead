package crosswatch.api;

/**
 * A request parameter the API refuses; {@link ApiErrors} turns it into 400 {@code {"error","parameter"}}.
 *
 * @see Params
 */
public final class BadParameter extends RuntimeException {
  private final String parameter;

  /** {@code parameter} is null when the problem belongs to no single parameter (a malformed query string). */
  public BadParameter(String parameter, String message) {
    super(message, null, false, false);
    this.parameter = parameter;
  }

  public String parameter() {
    return parameter;
  }
}
