package crosswatch.config;

/** Carries a {@link ConfigError} from wherever it is found out to {@link ConfigLoader#load}. */
final class Refusal extends RuntimeException {
  private final ConfigError error;

  Refusal(String flag, String message) {
    super(message, null, false, false);
    this.error = new ConfigError(flag, message);
  }

  ConfigError error() {
    return error;
  }
}
