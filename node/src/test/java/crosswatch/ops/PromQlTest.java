package crosswatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromQlTest {

  @Nested
  class MetricNames {
    @Test
    void aBareSelectorIsItsMetric() {
      assertThat(PromQl.metricNames("up")).containsExactly("up");
    }

    @Test
    void functionsAggregationsAndLabelListsAreNotMetrics() {
      assertThat(PromQl.metricNames(
          "histogram_quantile(0.99, sum by (le, method) (rate(a_seconds_bucket{job=\"x\"}[5m])))"))
          .containsExactly("a_seconds_bucket");
    }

    @Test
    void aggregationModifiersAfterTheArgumentAreLabelLists() {
      assertThat(PromQl.metricNames("sum(rate(a_total[5m])) without (instance) / count(b) by (job)"))
          .containsExactly("a_total", "b");
    }

    @Test
    void vectorMatchingListsLabelsNotMetrics() {
      assertThat(PromQl.metricNames("a * on (instance) group_left (node, version) b or ignoring(pod) c unless d"))
          .containsExactly("a", "b", "c", "d");
    }

    @Test
    void labelMatchersAndStringsAreSkippedEvenWhenTheyHoldBraces() {
      assertThat(PromQl.metricNames("a{reason=~\"x|}y\", safety='safe'} > bool 0 and label_replace(b, \"dst\", \"$1\", \"src\", `(.*)`)"))
          .containsExactly("a", "b");
    }

    @Test
    void grafanaVariablesAndDurationsAreNotMetrics() {
      assertThat(PromQl.metricNames("increase(a_total{chain_id=\"$chain\"}[$__rate_interval]) offset 5m + ${factor} * 1e3"))
          .containsExactly("a_total");
    }

    @Test
    void namespacedRecordingRuleNamesKeepTheirColons() {
      assertThat(PromQl.metricNames("job:a:rate5m > 0.05")).containsExactly("job:a:rate5m");
    }

    @Test
    void anExpressionOfOnlyFunctionsHasNoMetrics() {
      assertThat(PromQl.metricNames("vector(1)")).isEmpty();
    }
  }

  @Nested
  class Labels {
    @Test
    void aMatcherListNamesEachLabelOnceWhateverItsOperator() {
      assertThat(PromQl.labelNames("{job=\"x\", chain_id=~\"9.*\", reason!='a=b', safety!~`c`}"))
          .containsExactly("chain_id", "job", "reason", "safety");
    }

    @Test
    void groupingListsOfAggregationsAndVectorMatchingAreCollected() {
      assertThat(PromQl.groupingLabels("sum by (executing_chain_id) (a{x=\"by (no)\"}) * on (instance) "
          + "group_left (node) b or max without (pod) (c) / ignoring(le) d"))
          .containsExactly("executing_chain_id", "instance", "le", "node", "pod");
    }

    @Test
    void anExpressionWithoutGroupingHasNoGroupingLabels() {
      assertThat(PromQl.groupingLabels("rate(a_total{by=\"x\"}[5m]) > 0")).isEmpty();
    }
  }

  @Nested
  class Selections {
    @Test
    void eachSelectionOfAMetricReportsItsMatchers() {
      assertThat(PromQl.matchersOf("a{job=\"x\"} / a_total / a {b=\"}\"} + a", "a"))
          .containsExactly("{job=\"x\"}", "{b=\"}\"}", "");
    }

    @Test
    void eachSelectionOfAMetricReportsTheFunctionItIsPassedTo() {
      assertThat(PromQl.functionsAround("sum(rate( a[5m])) / increase(a[1h]) + (a) - a", "a"))
          .isEqualTo(List.of("rate", "increase", "", ""));
    }

    @Test
    void aGrafanaVariableNamedLikeAMetricIsNotASelection() {
      assertThat(PromQl.matchersOf("a_total{x=\"$a\"}", "a")).isEmpty();
    }
  }

  @Nested
  class Malformed {
    @Test
    void anUnclosedMatcherIsRejectedRatherThanMisread() {
      assertThatThrownBy(() -> PromQl.metricNames("a{job=\"x\"")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnclosedStringIsRejected() {
      assertThatThrownBy(() -> PromQl.metricNames("a{job=\"x}")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
