package crosswatch.config;

/** A raw value a {@link Flag.Parser} refused; the message quotes the value (URLs in display form only). */
final class InvalidValue extends RuntimeException {
  InvalidValue(String message) {
    super(message, null, false, false);
  }
}
