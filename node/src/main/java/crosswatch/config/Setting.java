package crosswatch.config;

import java.util.List;

/**
 * The raw values one source gave for one flag.
 *
 * @param origin appended to error messages so the user finds the value: empty for the command line,
 *     {@code " (from CROSSWATCH_X)"} for env, {@code " (in file.yaml)"} for the config file
 */
record Setting(List<String> values, String origin) {
  Setting {
    values = List.copyOf(values);
  }
}
