package crosswatch.config;

/**
 * Why a configuration was refused.
 *
 * @param flag the flag's name without dashes, or null when the problem belongs to no flag (a stray argument)
 * @param message what is wrong, quoting the value (URLs only in their display form)
 */
public record ConfigError(String flag, String message) {

  /** The single line printed on stderr. */
  public String line() {
    return flag == null ? "crosswatch: " + message : "crosswatch: --" + flag + ": " + message;
  }
}
