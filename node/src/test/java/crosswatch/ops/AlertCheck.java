package crosswatch.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an alert of {@code crosswatch-rules.yml} fires on samples scraped from real replicas: promtool evaluates the
 * real rule over the samples held constant for {@code minutes}. promtool reports alerts only by failing a test that
 * expects none, so a firing alert is read from that failure's output.
 */
public final class AlertCheck {
  private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)\\{([^}]*)} (\\S+)");

  private AlertCheck() {}

  /**
   * The output describing the alerts named {@code alert} that fire after {@code minutes} of {@code metric}'s samples
   * in each replica's scrape (replica name to its {@code /metrics} text); empty when none fires.
   */
  public static String firing(String alert, String metric, Map<String, String> scrapes, int minutes) {
    var series = new StringBuilder();
    scrapes.forEach((instance, text) -> text.lines().map(SAMPLE::matcher).filter(Matcher::matches)
        .filter(m -> m.group(1).equals(metric))
        .forEach(m -> series.append("      - series: '").append(metric).append("{job=\"crosswatch\", instance=\"")
            .append(instance).append("\", ").append(m.group(2).replaceAll(",$", "")).append("}'\n")
            .append("        values: '").append(m.group(3).equals("NaN") ? "NaN" : m.group(3)).append('x')
            .append(minutes + 1).append("'\n")));
    String test = "rule_files:\n  - " + Monitoring.DIR.resolve(Monitoring.RULES) + "\nevaluation_interval: 1m\n"
        + "tests:\n  - interval: 1m\n    input_series:\n" + series
        + "    alert_rule_test:\n      - eval_time: " + minutes + "m\n        alertname: " + alert + "\n";
    try {
      Path file = Files.createTempFile("alert-check", ".yml");
      try {
        Files.writeString(file, test);
        Promtool.Result result = Promtool.run(List.of("test", "rules", file.toString()));
        return result.exitCode() == 0 ? "" : result.output();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
