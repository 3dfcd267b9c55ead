package crosswatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class DashboardTest {

  private static final String DATASOURCE = "${datasource}";
  private static final String JOB = "job=\"$job\"";
  /** {{label}} in a legend. */
  private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

  /** The panels a row holds: nested when it is collapsed, else those after it up to the next row. */
  private static List<JsonNode> panelsOf(JsonNode row) {
    List<JsonNode> held = new ArrayList<>(row.path("panels").values());
    List<JsonNode> top = List.copyOf(Dashboard.json().path("panels").values());
    for (int i = top.indexOf(row) + 1; i < top.size() && !isRow(top.get(i)); i++) {
      held.add(top.get(i));
    }
    return held;
  }

  private static boolean isRow(JsonNode panel) {
    return panel.path("type").asString().equals("row");
  }

  private static JsonNode row(String title) {
    return Dashboard.panels().filter(p -> isRow(p) && p.path("title").asString().equals(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no row titled " + title));
  }

  private static JsonNode variable(String name) {
    return Dashboard.json().path("templating").path("list").valueStream()
        .filter(v -> v.path("name").asString().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no template variable " + name));
  }

  private static Set<String> metricNames() {
    Set<String> names = new TreeSet<>();
    Dashboard.expressions().forEach(expr -> names.addAll(PromQl.metricNames(expr)));
    return names;
  }

  @Nested
  class Identity {
    @Test
    void hasAStableUid() {
      assertThat(Dashboard.json().path("uid").asString()).isEqualTo("crosswatch-overview");
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
      Dashboard.panels().filter(p -> !isRow(p)).forEach(panel -> {
        assertThat(panel.path("datasource").path("uid").asString()).as("panel %s", panel.path("title"))
            .isEqualTo(DATASOURCE);
        panel.path("targets").valueStream().forEach(target -> assertThat(target.path("datasource").path("uid")
            .asString()).as("query %s of %s", target.path("refId"), panel.path("title")).isEqualTo(DATASOURCE));
      });
    }

    @Test
    void panelIdsAreUnique() {
      List<Integer> ids = Dashboard.panels().map(p -> p.path("id").asInt()).toList();
      assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
    }

    @Test
    void thePerChainRowRepeatsOverTheChainVariableAndEveryQueryInItSelectsOneChain() {
      JsonNode perChain = row("Chain $chain");
      assertThat(perChain.path("repeat").asString()).isEqualTo("chain");
      assertThat(Dashboard.expressionsOf(panelsOf(perChain))).isNotEmpty()
          .allMatch(expr -> expr.contains("chain_id=\"$chain\""));
    }

    @Test
    void theChainPairPanelsSplitByExecutingAndInitiatingChain() {
      assertThat(Dashboard.expressionsOf(panelsOf(row("Chain pairs"))).filter(expr -> expr.contains("initiating_chain_id")))
          .hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void invalidMessagesHaveATable() {
      assertThat(Dashboard.panels().filter(p -> p.path("type").asString().equals("table")))
          .anyMatch(table -> Dashboard.expressionsOf(List.of(table)).anyMatch(e -> e.contains("crosswatch_invalid_messages_total")));
    }

    @Test
    void theClusterRowShowsMembersDegradedAndOwnedChains() {
      Set<String> shown = new TreeSet<>();
      Dashboard.expressionsOf(panelsOf(row("Cluster"))).forEach(expr -> shown.addAll(PromQl.metricNames(expr)));
      assertThat(shown).contains("crosswatch_cluster_members", "crosswatch_cluster_degraded", "crosswatch_owned_chains");
    }
  }

  @Tag("integration")
  @Nested
  class Queries {
    @Test
    void everyQueryReadsAMetric() {
      assertThat(Dashboard.expressions()).isNotEmpty().allMatch(expr -> !PromQl.metricNames(expr).isEmpty());
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
      Dashboard.panels().flatMap(p -> p.path("targets").valueStream()).forEach(target -> {
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
      Dashboard.expressions().forEach(expr -> PromQl.metricNames(expr).forEach(metric ->
          assertThat(PromQl.matchersOf(expr, metric)).as("%s in %s", metric, expr).allMatch(m -> m.contains(JOB))));
    }

    @Test
    void countersAndHistogramBucketsAreReadAsRates() {
      Dashboard.expressions().forEach(expr -> PromQl.metricNames(expr).forEach(metric -> {
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
      List<String> expressions = Dashboard.expressions();
      for (int i = 0; i < expressions.size(); i++) {
        rules.addObject().put("record", "dashboard:query_" + i)
            .put("expr", Dashboard.withSampleValues(expressions.get(i)));
      }
      ObjectNode file = Monitoring.YAML.createObjectNode();
      file.putArray("groups").addObject().put("name", "dashboard").set("rules", rules);
      Path rulesFile = dir.resolve("dashboard-queries.yml");
      Monitoring.YAML.writeValue(rulesFile.toFile(), file);
      Promtool.succeeds("check", "rules", rulesFile.toString());
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
      assertThat(embedded.equals(Dashboard.json()))
          .as("%s is stale: run k8s/monitoring/generate.sh", Monitoring.DASHBOARD_CONFIG_MAP).isTrue();
    }
  }
}
