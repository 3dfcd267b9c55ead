package crosswatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The Grafana dashboard's panels and PromQL queries from k8s/monitoring, for DashboardTest and PrometheusServerTest. */
final class Dashboard {
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*\\w+\\)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
  /** Values standing in for Grafana's variables: what a user picking chain 901 over a 1 h range would query. */
  private static final Map<String, String> VARIABLE_SAMPLES =
      Map.of("__rate_interval", "5m", "__range", "1h", "job", "crosswatch", "chain", "901");

  private Dashboard() {}

  static JsonNode json() {
    return Monitoring.json(Monitoring.DASHBOARD);
  }

  /** Every panel, including those nested in collapsed rows. */
  static Stream<JsonNode> panels() {
    return json().path("panels").valueStream()
        .flatMap(panel -> Stream.concat(Stream.of(panel), panel.path("panels").valueStream()));
  }

  static Stream<String> expressionsOf(List<JsonNode> panels) {
    return panels.stream().flatMap(p -> p.path("targets").valueStream()).map(t -> t.path("expr").asString());
  }

  /** Panel queries plus the PromQL inside query variables (label_values(expr, label)), Grafana variables left in. */
  static List<String> expressions() {
    List<String> expressions = new ArrayList<>(expressionsOf(panels().toList()).toList());
    json().path("templating").path("list").valueStream().filter(v -> v.path("type").asString().equals("query"))
        .forEach(v -> {
          JsonNode query = v.path("query");
          String text = query.isString() ? query.asString() : query.path("query").asString();
          Matcher labelValues = LABEL_VALUES.matcher(text);
          assertThat(labelValues.matches()).as("variable %s: only label_values(expr, label) is checked", v.path("name"))
              .isTrue();
          expressions.add(labelValues.group(1));
        });
    return expressions;
  }

  /** The query with each Grafana variable replaced by its sample value. */
  static String withSampleValues(String expr) {
    return VARIABLE.matcher(expr).replaceAll(variable -> {
      String sample = VARIABLE_SAMPLES.get(variable.group(1));
      assertThat(sample).as("a sample value for Grafana variable %s", variable.group()).isNotNull();
      return Matcher.quoteReplacement(sample);
    });
  }
}
