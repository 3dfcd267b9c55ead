package crosswatch.config;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code CROSSWATCH_<FLAG>} variables. Other {@code CROSSWATCH_*} variables are ignored, not refused:
 * Kubernetes injects {@code <SERVICE>_PORT} style variables for a Service named crosswatch. Empty values count as
 * unset, as compose files often leave them.
 */
final class EnvSource {
  private EnvSource() {}

  static Map<String, Setting> read(Map<String, String> env) {
    var settings = new HashMap<String, Setting>();
    for (Flag<?> flag : Flags.ALL) {
      String value = env.get(flag.envName());
      if (flag.arity() == Flag.Arity.SWITCH || value == null || value.isBlank()) {
        continue;
      }
      List<String> values = flag.arity() == Flag.Arity.REPEATABLE
          ? Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList()
          : List.of(value.strip());
      settings.put(flag.name(), new Setting(values, " (from " + flag.envName() + ")"));
    }
    return settings;
  }
}
