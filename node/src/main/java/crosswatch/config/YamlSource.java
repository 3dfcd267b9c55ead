package crosswatch.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the {@code --config} YAML file: a mapping whose keys are flag names. */
final class YamlSource {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private YamlSource() {}

  /** Throws {@link InvalidValue} (reported against {@code --config}) when the file is unreadable or invalid. */
  static Map<String, Setting> read(Path path) {
    JsonNode root = ConfigFiles.readTree(path, YAML, "YAML");
    var settings = new HashMap<String, Setting>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return settings;
    }
    if (!root.isObject()) {
      throw new InvalidValue("\"" + path + "\" must be a mapping of flag names to values");
    }
    for (String key : root.propertyNames()) {
      Flag<?> flag = Flags.named(key)
          .filter(f -> f != Flags.HELP && f != Flags.CONFIG)
          .orElseThrow(() -> new InvalidValue("unknown key \"" + key + "\" in \"" + path + "\""));
      settings.put(key, new Setting(values(flag, root.get(key), path), " (in " + path + ")"));
    }
    return settings;
  }

  private static List<String> values(Flag<?> flag, JsonNode node, Path path) {
    String problem = "key \"" + flag.name() + "\" in \"" + path + "\" must be ";
    if (node.isValueNode() && !node.isNull()) {
      return List.of(node.asString());
    }
    if (!node.isArray() || flag.arity() != Flag.Arity.REPEATABLE) {
      throw new InvalidValue(problem
          + (flag.arity() == Flag.Arity.REPEATABLE ? "a value or a list of values" : "a single value"));
    }
    var values = new ArrayList<String>();
    for (JsonNode item : node) {
      if (!item.isValueNode() || item.isNull()) {
        throw new InvalidValue(problem + "a list of plain values");
      }
      values.add(item.asString());
    }
    return values;
  }
}
