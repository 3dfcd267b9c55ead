package crosswatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class DashboardTest {

  private static final String DATASOURCE = "${datasource}";
  private static final String JOB = "job=\"$job\"";
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*\\w+\\)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
  /** {{label}} in a legend. */
  private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
  /** Values standing in for Grafana's variables so that promtool can parse every query. */
  private static final Map<String, String> VARIABLE_SAMPLES =
      Map.of("__rate_interval", "5m", "__range", "1h", "job", "crosswatch", "chain", "901");

  private static JsonNode dashboard() {
    return Monitoring.json(Monitoring.DASHBOARD);
  }

  /** Every panel, including those nested in collapsed rows. */
  private static Stream<JsonNode> panels() {
    return dashboard().path("panels").valueStream()
        .flatMap(panel -> Stream.concat(Stream.of(panel), panel.path("panels").valueStream()));
  }

  /** The panels a row holds: nested when it is collapsed, else those after it up to the next row. */
  private static List<JsonNode> panelsOf(JsonNode row) {
    List<JsonNode> held = new ArrayList<>(row.path("panels").values());
    List<JsonNode> top = List.copyOf(dashboard().path("panels").values());
    for (int i = top.indexOf(row) + 1; i < top.size() && !isRow(top.get(i)); i++) {
      held.add(top.get(i));
    }
    return held;
  }

  private static boolean isRow(JsonNode panel) {
    return panel.path("type").asString().equals("row");
  }

  private static JsonNode row(String title) {
    return panels().filter(p -> isRow(p) && p.path("title").asString().equals(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no row titled " + title));
  }

  private static Stream<String> expressionsOf(List<JsonNode> panels) {
    return panels.stream().flatMap(p -> p.path("targets").valueStream()).map(t -> t.path("expr").asString());
  }

  private static JsonNode variable(String name) {
    return dashboard().path("templating").path("list").valueStream()
        .filter(v -> v.path("name").asString().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no template variable " + name));
  }

  /** Panel queries plus the PromQL inside query variables (label_values(expr, label)). */
  private static List<String> expressions() {
    List<String> expressions = new ArrayList<>(expressionsOf(panels().toList()).toList());
    dashboard().path("templating").path("list").valueStream().filter(v -> v.path("type").asString().equals("query"))
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

  private static Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    expressions().forEach(expr -> names.addAll(PromQl.metricNames(expr)));
    return names;
  }

  @Nested
  class Identity {
    @Test
    void hasAStableUid() {
      assertThat(dashboard().path("uid").asString()).isEqualTo("crosswatch-overview");
    }

    @Test
    void choosesItsPrometheusThroughADatasourceVariable() {
      JsonNode datasource = variable("datasource");
      assertThat(datasource.path("type").asString()).isEqualTo("datasource");
      assertThat(datasource.path("query").asString()).isEqualTo("prometheus");
    }

    @Test
    void listsTheChainsThroughThatVariable() {
      JsonNode chain = variable("chain");
      assertThat(chain.path("type").asString()).isEqualTo("query");
      assertThat(chain.path("datasource").path("uid").asString()).isEqualTo(DATASOURCE);
      assertThat(chain.path("includeAll").asBoolean()).isTrue();
    }
  }

  @Nested
  class Panels {
    @Test
    void everyPanelAndQueryUsesTheDatasourceVariable() {
      panels().filter(p -> !isRow(p)).forEach(panel -> {
        assertThat(panel.path("datasource").path("uid").asString()).as("panel %s", panel.path("title"))
            .isEqualTo(DATASOURCE);
        panel.path("targets").valueStream().forEach(target -> assertThat(target.path("datasource").path("uid")
            .asString()).as("query %s of %s", target.path("refId"), panel.path("title")).isEqualTo(DATASOURCE));
      });
    }

    @Test
    void panelIdsAreUnique() {
      List<Integer> ids = panels().map(p -> p.path("id").asInt()).toList();
      assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
    }

    @Test
    void thePerChainRowRepeatsOverTheChainVariableAndEveryQueryInItSelectsOneChain() {
      JsonNode perChain = row("Chain $chain");
      assertThat(perChain.path("repeat").asString()).isEqualTo("chain");
      assertThat(expressionsOf(panelsOf(perChain))).isNotEmpty()
          .allMatch(expr -> expr.contains("chain_id=\"$chain\""));
    }

    @Test
    void theChainPairPanelsSplitByExecutingAndInitiatingChain() {
      assertThat(expressionsOf(panelsOf(row("Chain pairs"))).filter(expr -> expr.contains("initiating_chain_id")))
          .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void invalidMessagesHaveATable() {
      assertThat(panels().filter(p -> p.path("type").asString().equals("table")))
          .anyMatch(table -> expressionsOf(List.of(table)).anyMatch(e -> e.contains("crosswatch_invalid_messages_total")));
    }

    @Test
    void theClusterRowShowsMembersDegradedAndOwnedChains() {
      Set<String> shown = new TreeSet<>();
      expressionsOf(panelsOf(row("Cluster"))).forEach(expr -> shown.addAll(PromQl.metricNames(expr)));
      assertThat(shown).contains("crosswatch_cluster_members", "crosswatch_cluster_degraded", "crosswatch_owned_chains");
    }
  }

  @Nested
  class Queries {
    @Test
    void everyQueryReadsAMetric() {
      assertThat(expressions()).isNotEmpty().allMatch(expr -> !PromQl.metricNames(expr).isEmpty());
    }

    @Test
    void everyMetricIsOneTheNodeExports() {
      assertThat(metricNames()).isSubsetOf(Monitoring.expectedMetricNames());
    }

    @Test
    void everyMetricOfTheFixtureIsShownSomewhere() {
      assertThat(metricNames()).containsAll(Monitoring.expectedMetricNames());
    }

    @Test
    void everyLabelAQuerySelectsGroupsByOrShowsIsOneItsMetricsHave() {
      Map<String, Set<String>> unknown = new TreeMap<>();
      panels().flatMap(p -> p.path("targets").valueStream()).forEach(target -> {
        String expr = target.path("expr").asString();
        Set<String> shown = new TreeSet<>();
        LEGEND_LABEL.matcher(target.path("legendFormat").asString("")).results().forEach(m -> shown.add(m.group(1)));
        Set<String> labels = Monitoring.labelsNotExported(expr, shown);
        if (!labels.isEmpty()) {
          unknown.put(expr, labels);
        }
      });
      assertThat(unknown).as("labels no metric of the query has (see metric-labels.txt)").isEmpty();
    }

    @Test
    void everySelectorIsLimitedToTheJobVariable() {
      expressions().forEach(expr -> PromQl.metricNames(expr).forEach(metric ->
          assertThat(PromQl.matchersOf(expr, metric)).as("%s in %s", metric, expr).allMatch(m -> m.contains(JOB))));
    }

    @Test
    void countersAndHistogramBucketsAreReadAsRates() {
      expressions().forEach(expr -> PromQl.metricNames(expr).forEach(metric -> {
        Set<String> allowed = metric.endsWith("_total") ? Set.of("increase", "rate")
            : metric.endsWith("_bucket") ? Set.of("rate") : null;
        if (allowed != null) {
          assertThat(PromQl.functionsAround(expr, metric)).as("%s in %s", metric, expr).allMatch(allowed::contains);
        }
      }));
    }

    @Test
    void everyQueryParsesAsPromQl(@TempDir Path dir) {
      ArrayNode rules = Monitoring.YAML.createArrayNode();
      List<String> expressions = expressions();
      for (int i = 0; i < expressions.size(); i++) {
        rules.addObject().put("record", "dashboard:query_" + i).put("expr", withSampleValues(expressions.get(i)));
      }
      ObjectNode file = Monitoring.YAML.createObjectNode();
      file.putArray("groups").addObject().put("name", "dashboard").set("rules", rules);
      Path rulesFile = dir.resolve("dashboard-queries.yml");
      Monitoring.YAML.writeValue(rulesFile.toFile(), file);
      Promtool.succeeds("check", "rules", rulesFile.toString());
    }

    private static String withSampleValues(String expr) {
      return VARIABLE.matcher(expr).replaceAll(variable -> {
        String sample = VARIABLE_SAMPLES.get(variable.group(1));
        assertThat(sample).as("a sample value for Grafana variable %s", variable.group()).isNotNull();
        return Matcher.quoteReplacement(sample);
      });
    }
  }

  @Nested
  class ConfigMap {
    @Test
    void isLabelledForGrafanasDashboardSidecar() {
      JsonNode configMap = Monitoring.yaml(Monitoring.DASHBOARD_CONFIG_MAP);
      assertThat(configMap.path("kind").asString()).isEqualTo("ConfigMap");
      assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asString()).isEqualTo("1");
    }

    @Test
    void carriesExactlyTheDashboard() {
      JsonNode data = Monitoring.yaml(Monitoring.DASHBOARD_CONFIG_MAP).path("data");
      assertThat(data.propertyNames()).containsExactly("crosswatch-overview.json");
      JsonNode embedded = Monitoring.JSON.readTree(data.path("crosswatch-overview.json").asString());
      // A boolean, not isEqualTo: a diff of two 1,400-line dashboards would bury the message.
      assertThat(embedded.equals(dashboard()))
          .as("%s is stale: run k8s/monitoring/generate.sh", Monitoring.DASHBOARD_CONFIG_MAP).isTrue();
    }
  }
}
