package crosswatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.Reason;
import crosswatch.store.Safety;
import crosswatch.store.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AlertRulesTest {

  /** Fires by design; its quiet case is a broken pipeline, which the dead-man's switch detects, not promtool. */
  private static final Set<String> ALWAYS_FIRING = Set.of("Watchdog");
  /** {{ $labels.x }} and {{ with $labels.x }} in annotations. */
  private static final Pattern SHOWN_LABEL = Pattern.compile("\\$labels\\.(\\w+)");
  private static final Pattern SERIES = Pattern.compile("(\\w+)(\\{.*})");
  private static final Pattern LABEL_VALUE = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  /** The label values a test series may hold where the node's values are a closed set. */
  private static final Map<String, Set<String>> WIRE_VALUES = Map.of(
      "status", Arrays.stream(Status.values()).map(Status::wireName).collect(Collectors.toSet()),
      "safety", Arrays.stream(Safety.values()).map(Safety::wireName).collect(Collectors.toSet()),
      "reason", Arrays.stream(Reason.values()).map(Reason::wireName).collect(Collectors.toSet()));
  private static final Set<String> SEVERITIES = Set.of("warning", "page", "critical", "none");
  private static final String JOB = "job=\"crosswatch\"";

  private static Stream<JsonNode> alerts() {
    return Monitoring.yaml(Monitoring.RULES).path("groups").valueStream()
        .flatMap(group -> group.path("rules").valueStream())
        .filter(rule -> rule.has("alert"));
  }

  private static Set<String> alertNames() {
    return new TreeSet<>(alerts().map(alert -> alert.path("alert").asString()).toList());
  }

  /** Every alert_rule_test case of every promtool test file. */
  private static Stream<JsonNode> alertCases() {
    return Monitoring.ruleTestFiles().stream().map(Monitoring::yaml)
        .flatMap(file -> file.path("tests").valueStream())
        .flatMap(test -> test.path("alert_rule_test").valueStream());
  }

  private static Set<String> alertsWithCases(boolean firing) {
    return new TreeSet<>(alertCases().filter(c -> c.path("exp_alerts").isEmpty() != firing)
        .map(c -> c.path("alertname").asString()).toList());
  }

  @Tag("integration")
  @Nested
  class PromtoolChecks {
    @Test
    void checkRulesAcceptsTheRulesFile() {
      Promtool.succeeds("check", "rules", Monitoring.RULES);
    }

    @Test
    void everyUnitTestPasses() {
      List<String> args = new ArrayList<>(List.of("test", "rules"));
      args.addAll(Monitoring.ruleTestFiles());
      assertThat(Monitoring.ruleTestFiles()).isNotEmpty();
      Promtool.succeeds(args.toArray(String[]::new));
    }
  }

  @Nested
  class Manifest {
    @Test
    void isAPrometheusOperatorRule() {
      JsonNode manifest = Monitoring.yaml(Monitoring.RULES_MANIFEST);
      assertThat(manifest.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
      assertThat(manifest.path("kind").asString()).isEqualTo("PrometheusRule");
      assertThat(manifest.path("metadata").path("name").asString()).isEqualTo("crosswatch");
    }

    @Test
    void carriesExactlyTheGroupsOfTheRulesFile() {
      JsonNode spec = Monitoring.yaml(Monitoring.RULES_MANIFEST).path("spec");
      // A boolean, not isEqualTo: a diff of two whole rule trees would bury the message.
      assertThat(spec.equals(Monitoring.yaml(Monitoring.RULES)))
          .as("%s is stale: run k8s/monitoring/generate.sh", Monitoring.RULES_MANIFEST).isTrue();
    }
  }

  @Nested
  class Coverage {
    @Test
    void everyAlertHasATestThatMakesItFire() {
      Set<String> untested = new TreeSet<>(alertNames());
      untested.removeAll(alertsWithCases(true));
      assertThat(untested).as("alerts without a firing promtool case").isEmpty();
    }

    @Test
    void everyAlertButTheWatchdogHasATestThatKeepsItQuiet() {
      Set<String> untested = new TreeSet<>(alertNames());
      untested.removeAll(alertsWithCases(false));
      untested.removeAll(ALWAYS_FIRING);
      assertThat(untested).as("alerts without a quiet promtool case").isEmpty();
    }

    @Test
    void everyTestNamesAnAlertThatExists() {
      // promtool passes a quiet case for a misspelt alert name, so such a case would prove nothing.
      assertThat(alertCases().map(c -> c.path("alertname").asString())).isSubsetOf(alertNames());
    }
  }

  @Nested
  class Conventions {
    @Test
    void everyAlertHasASeverityAndItsAnnotations() {
      alerts().forEach(alert -> {
        String name = alert.path("alert").asString();
        assertThat(alert.path("labels").path("severity").asString()).as("%s severity", name).isIn(SEVERITIES);
        assertThat(alert.path("annotations").propertyNames()).as("%s annotations", name)
            .containsExactlyInAnyOrder("summary", "description", "runbook");
      });
    }

    @Test
    void everyAlertButTheWatchdogStatesHowLongItMustHold() {
      assertThat(alerts().filter(alert -> !alert.has("for")).map(alert -> alert.path("alert").asString()))
          .containsExactlyInAnyOrderElementsOf(ALWAYS_FIRING);
    }

    @Test
    void everyMetricTheRulesQueryIsOneTheNodeExports() {
      Map<String, Set<String>> unknown = new TreeMap<>();
      alerts().forEach(alert -> {
        Set<String> names = new TreeSet<>(PromQl.metricNames(alert.path("expr").asString()));
        names.removeAll(Monitoring.expectedMetricNames());
        names.removeAll(Monitoring.PROMETHEUS_SERIES);
        if (!names.isEmpty()) {
          unknown.put(alert.path("alert").asString(), names);
        }
      });
      assertThat(unknown).as("metrics not in expected-metric-names.txt").isEmpty();
    }

    @Test
    void everyLabelARuleSelectsGroupsByOrShowsIsOneItsMetricsHave() {
      Map<String, Set<String>> unknown = new TreeMap<>();
      alerts().forEach(alert -> {
        Set<String> shown = new TreeSet<>();
        alert.path("annotations").valueStream().forEach(text -> SHOWN_LABEL.matcher(text.asString()).results()
            .forEach(m -> shown.add(m.group(1))));
        Set<String> labels = Monitoring.labelsNotExported(alert.path("expr").asString(), shown);
        if (!labels.isEmpty()) {
          unknown.put(alert.path("alert").asString(), labels);
        }
      });
      assertThat(unknown).as("labels no metric of the alert has (see metric-labels.txt)").isEmpty();
    }

    @Test
    void everyTestSeriesHasTheLabelsAndValuesTheNodeExports() {
      Map<String, Set<String>> exported = Monitoring.metricLabels();
      List<String> series = Monitoring.ruleTestFiles().stream().map(Monitoring::yaml)
          .flatMap(file -> file.path("tests").valueStream())
          .flatMap(test -> test.path("input_series").valueStream())
          .map(input -> input.path("series").asString()).toList();
      assertThat(series).isNotEmpty().allSatisfy(text -> {
        Matcher m = SERIES.matcher(text);
        assertThat(m.matches()).as("series %s", text).isTrue();
        if (Monitoring.PROMETHEUS_SERIES.contains(m.group(1))) {
          return;
        }
        Set<String> labels = new TreeSet<>(PromQl.labelNames(m.group(2)));
        labels.removeAll(Monitoring.TARGET_LABELS);
        assertThat(labels).as("labels of %s", text).isEqualTo(exported.get(m.group(1)));
        LABEL_VALUE.matcher(m.group(2)).results().filter(v -> WIRE_VALUES.containsKey(v.group(1)))
            .forEach(v -> assertThat(WIRE_VALUES.get(v.group(1))).as("%s in %s", v.group(1), text)
                .contains(v.group(2)));
      });
    }

    @Test
    void everySelectorIsLimitedToTheCrosswatchJob() {
      alerts().forEach(alert -> {
        String expr = alert.path("expr").asString();
        PromQl.metricNames(expr).forEach(metric -> assertThat(PromQl.matchersOf(expr, metric))
            .as("%s selects %s", alert.path("alert").asString(), metric).allMatch(m -> m.contains(JOB)));
      });
    }

    @Test
    void countersAreReadOnlyThroughIncreaseOrRateSoARestartsResetIsNoDrop() {
      alerts().forEach(alert -> {
        String expr = alert.path("expr").asString();
        PromQl.metricNames(expr).stream().filter(metric -> metric.endsWith("_total"))
            .forEach(counter -> assertThat(PromQl.functionsAround(expr, counter))
                .as("%s reads %s", alert.path("alert").asString(), counter).allMatch(Set.of("increase", "rate")::contains));
      });
    }
  }
}
