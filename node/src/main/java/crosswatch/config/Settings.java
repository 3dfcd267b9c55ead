package crosswatch.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The raw settings of every source merged by precedence (command line, then env, then file), read through the
 * flag table's parsers. A source that sets a flag replaces lower sources' values for it, lists included.
 */
final class Settings {
  private final Map<String, Setting> merged = new HashMap<>();

  /** {@code sources} from highest precedence to lowest. */
  @SafeVarargs
  Settings(Map<String, Setting>... sources) {
    for (int i = sources.length - 1; i >= 0; i--) {
      merged.putAll(sources[i]);
    }
  }

  /** The value of a single-valued flag, or its default; empty when neither exists. */
  <T> Optional<T> optional(Flag<T> flag) {
    Setting setting = merged.get(flag.name());
    if (setting != null) {
      return Optional.of(parse(flag, setting.values().getFirst(), setting.origin()));
    }
    return Optional.ofNullable(flag.defaultValue().get()).map(raw -> parse(flag, raw, " (default)"));
  }

  <T> T single(Flag<T> flag) {
    return optional(flag).orElseThrow(() -> new Refusal(flag.name(), "required"));
  }

  /** Every value of a repeatable flag, in the order given. */
  <T> List<T> all(Flag<T> flag) {
    Setting setting = merged.get(flag.name());
    if (setting == null) {
      return List.of();
    }
    return setting.values().stream().map(raw -> parse(flag, raw, setting.origin())).toList();
  }

  /** Where a flag's value came from, for messages about the value as a whole (e.g. a duplicate chain id). */
  String origin(Flag<?> flag) {
    Setting setting = merged.get(flag.name());
    return setting == null ? "" : setting.origin();
  }

  /** The raw text of a single-valued flag, when set. */
  Optional<String> raw(Flag<?> flag) {
    return Optional.ofNullable(merged.get(flag.name())).map(s -> s.values().getFirst());
  }

  private static <T> T parse(Flag<T> flag, String raw, String origin) {
    try {
      return flag.parser().parse(raw);
    } catch (InvalidValue e) {
      throw new Refusal(flag.name(), e.getMessage() + origin);
    }
  }
}
