package crosswatch.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus server (the {@code prometheus} binary of the Debian package of that name) scraping Crosswatch
 * nodes with the project's alert rules loaded, on a free 127.0.0.1 port, its time series in a temporary
 * directory deleted by {@link #stop()} and its own log in {@code devnet/target/prometheus-logs}. The demo and
 * the tests start it the same way.
 */
public final class Prometheus implements AutoCloseable {
  /** The scrape job every alert rule and dashboard query selects ({@code job="crosswatch"}). */
  public static final String JOB = "crosswatch";
  /** The command line a user without it is told to run. */
  public static final String INSTALL = "sudo apt-get install --no-install-recommends prometheus";

  private static final Logger log = LoggerFactory.getLogger(Prometheus.class);
  private static final String BINARY = "prometheus";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;
  private final Path workDir;
  private final Path logFile;
  private final ChildProcess process;

  private Prometheus(int port, Path workDir, Path logFile, ChildProcess process) {
    this.port = port;
    this.workDir = workDir;
    this.logFile = logFile;
    this.process = process;
  }

  /** The {@code prometheus} binary on the PATH, if there is one. */
  public static Optional<Path> binary() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(java.io.File.pathSeparator)).filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, BINARY)).filter(Files::isExecutable).findFirst();
  }

  /** Starts Prometheus and returns once it reports itself ready (its rules loaded). */
  public static Prometheus start(PrometheusSettings settings) {
    Path binary = binary().orElseThrow(() -> new IllegalStateException(
        "prometheus is not on the PATH; install it: " + INSTALL));
    if (!Files.isRegularFile(settings.rulesFile())) {
      throw new IllegalArgumentException("no rules file at " + settings.rulesFile());
    }
    Path workDir = TempDirs.create("crosswatch-prometheus-");
    try {
      Path config = writeConfig(workDir, settings);
      return FreePort.startOnAFreePort("prometheus", port -> {
        Prometheus prometheus = launch(binary, config, workDir, port);
        try {
          prometheus.awaitReady();
        } catch (RuntimeException e) {
          prometheus.process.stop();
          throw new IllegalStateException(e.getMessage() + " (log " + prometheus.logFile + ")", e);
        }
        log.info("prometheus started url={} targets={} rules={} interval={} pid={} log={}", prometheus.url(),
            settings.targets(), settings.rulesFile(), settings.interval(), prometheus.process.pid(),
            prometheus.logFile);
        return prometheus;
      });
    } catch (RuntimeException e) {
      TempDirs.delete(workDir);
      throw e;
    }
  }

  /** The configuration as JSON, which is YAML too: one serializer quotes every path and target correctly. */
  private static Path writeConfig(Path workDir, PrometheusSettings settings) {
    String interval = settings.interval().toSeconds() + "s";
    Map<String, Object> config = Map.of(
        "global", Map.of("scrape_interval", interval, "scrape_timeout", interval, "evaluation_interval", interval),
        "rule_files", List.of(settings.rulesFile().toString()),
        "scrape_configs", List.of(Map.of(
            "job_name", JOB,
            "static_configs", List.of(Map.of("targets", settings.targets())))));
    Path file = workDir.resolve("prometheus.yml");
    try {
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static Prometheus launch(Path binary, Path config, Path workDir, int port) {
    Path logFile = DevnetDir.logDir("prometheus-logs").resolve("prometheus-" + port + ".log");
    List<String> command = List.of(binary.toString(),
        "--config.file=" + config,
        "--storage.tsdb.path=" + workDir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--log.format=logfmt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(logFile.toFile());
    return new Prometheus(port, workDir, logFile, ChildProcess.start("prometheus", builder));
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "-/ready")).timeout(Duration.ofSeconds(2)).build();
    Poll.until("prometheus on port " + port, READY_TIMEOUT, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited with code " + process.process().exitValue()
            + " before it was ready, see " + logFile);
      }
      try {
        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
            ? Optional.of(true) : Optional.empty();
      } catch (IOException notListeningYet) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for prometheus", e);
      }
    });
  }

  /** Its web UI and HTTP API, e.g. {@code http://127.0.0.1:41234/}; the API is under {@code api/v1/}. */
  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  public Path logFile() {
    return logFile;
  }

  /** Ends the process and deletes its time series; calling it again does nothing. */
  public void stop() {
    process.stop();
    TempDirs.delete(workDir);
  }

  @Override
  public void close() {
    stop();
  }
}
