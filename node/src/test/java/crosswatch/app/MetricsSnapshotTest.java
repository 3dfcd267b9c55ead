package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's real {@code /metrics}, on real chains: every Crosswatch series name with its label names matches the
 * committed snapshot (a renamed meter or label fails here before it breaks a dashboard), every name the alert rules
 * and the dashboard use exists, and every family has help text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class MetricsSnapshotTest {
  private static final Pattern SAMPLE = Pattern.compile("^(crosswatch_[a-z_]+)(?:\\{([^}]*)})? .*$");
  private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"");

  private DevnetNode node;
  private String metrics;

  @BeforeAll
  void start(@TempDir Path dataDir) throws Exception {
    node = new DevnetNode(dataDir);
    node.emitInvalid("snapshot");
    // Scraped once a message has been judged, so that timers and counters have seen traffic too.
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> node.get("metrics").body()
        .contains("crosswatch_messages{executing_chain_id=\"902\",initiating_chain_id=\"901\",safety=\"unsafe\","
            + "status=\"invalid\"} 1.0"));
    metrics = node.get("metrics").body();
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = MetricsSnapshotTest.class.getResourceAsStream("/crosswatch/ops/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Series name to its label names, for every crosswatch_ sample line. */
  private Map<String, Set<String>> series() {
    var series = new TreeMap<String, Set<String>>();
    metrics.lines().forEach(line -> {
      Matcher m = SAMPLE.matcher(line);
      if (m.matches()) {
        var labels = series.computeIfAbsent(m.group(1), n -> new TreeSet<>());
        if (m.group(2) != null) {
          Matcher l = LABEL.matcher(m.group(2));
          while (l.find()) {
            labels.add(l.group(1));
          }
        }
      }
    });
    return series;
  }

  @Test
  void namesAndLabelsMatchTheSnapshot() throws IOException {
    var actual = new StringBuilder();
    series().forEach((name, labels) -> actual.append(name).append(' ').append(String.join(",", labels))
        .append('\n'));

    assertThat(actual.toString()).isEqualTo(resource("metric-labels.txt"));
  }

  @Test
  void everyNameTheRulesAndTheDashboardUseExists() throws IOException {
    Set<String> names = series().keySet();

    assertThat(resource("expected-metric-names.txt").lines().filter(l -> !l.isBlank()))
        .allSatisfy(name -> assertThat(names).contains(name));
  }

  @Test
  void everyCrosswatchFamilyHasHelpText() {
    Set<String> families = new TreeSet<>();
    Set<String> helped = new TreeSet<>();
    metrics.lines().forEach(line -> {
      if (line.startsWith("# TYPE crosswatch_")) {
        families.add(line.split(" ")[2]);
      } else if (line.startsWith("# HELP crosswatch_") && line.split(" ", 4).length == 4) {
        helped.add(line.split(" ")[2]);
      }
    });

    assertThat(families).isNotEmpty();
    assertThat(helped).containsAll(families);
  }

  @Test
  void noLabelHoldsAHashOrABlockNumber() {
    assertThat(metrics.lines().filter(l -> l.startsWith("crosswatch_")))
        .noneMatch(l -> l.matches(".*=\"0x[0-9a-f]{8,}.*") || l.matches(".*=\"[0-9]{5,}\".*"));
  }
}
