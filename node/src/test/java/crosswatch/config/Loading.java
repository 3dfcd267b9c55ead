package crosswatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Runs the loader the way Main does and unwraps the expected outcome. */
final class Loading {
  private Loading() {}

  static Config config(Map<String, String> env, String... args) {
    ConfigResult result = ConfigLoader.load(List.of(args), env);
    assertThat(result).isInstanceOf(ConfigResult.Loaded.class);
    return ((ConfigResult.Loaded) result).config();
  }

  static Config config(String... args) {
    return config(Map.of(), args);
  }

  static ConfigError error(Map<String, String> env, String... args) {
    ConfigResult result = ConfigLoader.load(List.of(args), env);
    assertThat(result).isInstanceOf(ConfigResult.Refused.class);
    ConfigError error = ((ConfigResult.Refused) result).error();
    assertThat(error.line()).doesNotContain("\n").startsWith("crosswatch: ");
    return error;
  }

  static ConfigError error(String... args) {
    return error(Map.of(), args);
  }
}
