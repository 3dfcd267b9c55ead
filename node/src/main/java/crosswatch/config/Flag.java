package crosswatch.config;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * One row of the flag table: what {@code --help} prints and how every source (flag, env, YAML key) is read.
 *
 * @param name the flag without dashes; also the YAML key, and (upper-cased, dashes as underscores) the env suffix
 * @param metavar what the value looks like, e.g. {@code <chainId>=<url>}; empty for a switch
 * @param defaultLabel the default as {@code --help} shows it
 * @param defaultValue the raw default fed to {@code parser}, or a supplier of null when there is none
 * @param parser turns one raw value into a typed one, throwing {@link InvalidValue} with a message quoting it
 */
public record Flag<T>(String name, String metavar, Arity arity, String help, String defaultLabel,
                      Supplier<String> defaultValue, Parser<T> parser) {

  /** How many values a flag takes. */
  public enum Arity {
    /** No value: present or absent, command line only. */
    SWITCH,
    SINGLE,
    /** Given once per value on the command line, comma-separated in env, a list in YAML. */
    REPEATABLE
  }

  /** Reads one raw value; throws {@link InvalidValue} when it is not acceptable. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(String raw);
  }

  public String option() {
    return "--" + name;
  }

  public String envName() {
    return "CROSSWATCH_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
