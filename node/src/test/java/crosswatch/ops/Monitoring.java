package crosswatch.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The files under k8s/monitoring and the metric-name fixture, read the way the tests need them. */
final class Monitoring {

  static final Path DIR = locate();
  static final String RULES = "crosswatch-rules.yml";
  static final String RULES_MANIFEST = "prometheusrule.yaml";
  static final String DASHBOARD = "grafana-dashboard.json";
  static final String DASHBOARD_CONFIG_MAP = "grafana-dashboard-configmap.yaml";
  static final YAMLMapper YAML = new YAMLMapper();
  static final JsonMapper JSON = new JsonMapper();

  private static final String METRIC_NAMES = "/crosswatch/ops/expected-metric-names.txt";

  private Monitoring() {}

  static JsonNode yaml(String file) {
    return YAML.readTree(DIR.resolve(file).toFile());
  }

  static JsonNode json(String file) {
    return JSON.readTree(DIR.resolve(file).toFile());
  }

  /** The promtool unit-test files, relative to {@link #DIR}. */
  static List<String> ruleTestFiles() {
    try (Stream<Path> files = Files.list(DIR.resolve("tests"))) {
      return files.filter(f -> f.toString().endsWith(".yml")).map(f -> DIR.relativize(f).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every Prometheus series name the rules and the dashboard may query; a node test checks it against /metrics. */
  static Set<String> expectedMetricNames() {
    try (InputStream in = Monitoring.class.getResourceAsStream(METRIC_NAMES)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + METRIC_NAMES);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Walks up from the working directory (the module when run by Maven or an IDE) to the repository's k8s/monitoring. */
  private static Path locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("k8s").resolve("monitoring");
      if (Files.isRegularFile(candidate.resolve(RULES))) {
        return candidate;
      }
    }
    throw new IllegalStateException("k8s/monitoring/" + RULES + " not found above " + Path.of("").toAbsolutePath());
  }
}
