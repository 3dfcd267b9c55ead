package crosswatch.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Prometheus} scrapes and evaluates.
 *
 * @param targets {@code host:port} of every node's HTTP server, scraped at {@code /metrics} as job
 *     {@code crosswatch} (the job the alert rules and the dashboard select)
 * @param rulesFile the alert rules to load, e.g. {@code k8s/monitoring/crosswatch-rules.yml}
 * @param interval both the scrape and the rule evaluation interval
 */
public record PrometheusSettings(List<String> targets, Path rulesFile, Duration interval) {
  /** What the demo runs: a scrape and an evaluation every 5 s. */
  public static final Duration DEMO_INTERVAL = Duration.ofSeconds(5);

  public PrometheusSettings {
    targets = List.copyOf(targets);
    Objects.requireNonNull(rulesFile, "rulesFile");
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no scrape target");
    }
    if (interval.toMillis() < 1_000 || interval.toMillisPart() != 0) {
      throw new IllegalArgumentException("interval must be whole seconds, at least 1 s: " + interval);
    }
    rulesFile = rulesFile.toAbsolutePath().normalize();
  }
}
