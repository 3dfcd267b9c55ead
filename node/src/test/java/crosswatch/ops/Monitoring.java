package crosswatch.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
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
  private static final String METRIC_LABELS = "/crosswatch/ops/metric-labels.txt";
  /** Labels Prometheus adds to every series it scrapes (instance and job; pod and namespace in Kubernetes). */
  static final Set<String> TARGET_LABELS = Set.of("job", "instance", "pod", "namespace");
  /** Series Prometheus writes itself, so the node's /metrics never has them. */
  static final Set<String> PROMETHEUS_SERIES = Set.of("up", "ALERTS", "ALERTS_FOR_STATE");

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
    return resourceLines(METRIC_NAMES).map(String::strip).filter(line -> !line.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Every Crosswatch series name with its label names, as MetricsSnapshotTest found them on a real node. */
  static Map<String, Set<String>> metricLabels() {
    return resourceLines(METRIC_LABELS).filter(line -> !line.isBlank()).collect(Collectors.toUnmodifiableMap(
        line -> line.split(" ", 2)[0],
        line -> Arrays.stream(line.split(" ", 2)[1].split(",")).map(String::strip).filter(l -> !l.isEmpty())
            .collect(Collectors.toUnmodifiableSet())));
  }

  /**
   * The labels an expression selects on, groups by or (in {@code shown}, e.g. a legend or an annotation) shows that
   * none of its metrics has: a label the node does not export selects nothing and groups everything into one.
   */
  static SortedSet<String> labelsNotExported(String expr, Collection<String> shown) {
    Map<String, Set<String>> exported = metricLabels();
    SortedSet<String> unknown = new TreeSet<>();
    Set<String> all = new TreeSet<>(TARGET_LABELS);
    for (String metric : PromQl.metricNames(expr)) {
      Set<String> labels = PROMETHEUS_SERIES.contains(metric) ? Set.of() : exported.getOrDefault(metric, Set.of());
      all.addAll(labels);
      PromQl.matchersOf(expr, metric).forEach(matchers -> PromQl.labelNames(matchers).stream()
          .filter(label -> !labels.contains(label) && !TARGET_LABELS.contains(label)).forEach(unknown::add));
    }
    PromQl.groupingLabels(expr).stream().filter(label -> !all.contains(label)).forEach(unknown::add);
    shown.stream().filter(label -> !all.contains(label)).forEach(unknown::add);
    return unknown;
  }

  private static Stream<String> resourceLines(String name) {
    try (InputStream in = Monitoring.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList().stream();
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
