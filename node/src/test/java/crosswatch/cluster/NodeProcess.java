package crosswatch.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One replica as its own JVM ({@code crosswatch.app.Main} from the test classpath) with its own data directory,
 * cluster port and HTTP port; its output goes to {@code target/replica-logs/<name>.log}. {@link #start} returns
 * once {@code /healthz} answers, that is once the replica has joined its cluster. Stopped with SIGKILL
 * ({@link #kill}) or SIGTERM ({@link #stop}); closing kills it if it still runs.
 */
public final class NodeProcess implements AutoCloseable {
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final Path dataDir;
  private final List<String> args;
  private final int httpPort;
  private Process process;

  /** @param args the node's flags except --node-name, --data-dir and --http-port, which this adds */
  public NodeProcess(String name, Path dataDir, int httpPort, List<String> args) {
    this.name = name;
    this.dataDir = dataDir;
    this.httpPort = httpPort;
    this.args = new ArrayList<>(List.of("--node-name", name, "--data-dir", dataDir.toString(),
        "--http-port", Integer.toString(httpPort)));
    this.args.addAll(args);
  }

  public String name() {
    return name;
  }

  /** Everything the replica printed (stdout and stderr), appended run after run. */
  public Path logFile() {
    return Path.of("target", "replica-logs", name + ".log");
  }

  public int httpPort() {
    return httpPort;
  }

  /** The replica's {@code --data-dir}. */
  public Path dataDir() {
    return dataDir;
  }

  /** Launches the JVM without waiting for it; see {@link #awaitHealthy()}. */
  public synchronized NodeProcess launch() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "crosswatch.app.Main"));
    command.addAll(args);
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(n -> n.startsWith("CROSSWATCH_"));
    try {
      Files.createDirectories(logFile().getParent());
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start replica " + name, e);
    }
    return this;
  }

  /** Waits until {@code /healthz} answers (the replica joined its cluster and serves HTTP). */
  public NodeProcess awaitHealthy() {
    await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with status " + process.exitValue()
            + " (see target/replica-logs/" + name + ".log)");
      }
      return get("/healthz").isPresent();
    });
    return this;
  }

  public NodeProcess start() {
    return launch().awaitHealthy();
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor();
    }
  }

  /** SIGTERM: the node's shutdown hook stops it cleanly. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      waitFor();
    }
  }

  /** {@code kill -STOP}: the JVM stops answering anything, as in a long GC pause or a hung host. */
  public synchronized void suspend() {
    signal("STOP");
  }

  /** {@code kill -CONT}: a suspended replica runs on from where it stopped. */
  public synchronized void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + name() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** The JSON body of a GET answered 200, empty on any other answer or when the replica does not answer. */
  public Optional<JsonNode> get(String path) {
    return text(path).map(JSON::readTree);
  }

  /** The body of a GET answered 200, empty on any other answer or when the replica does not answer. */
  public Optional<String> text(String path) {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(5)).GET().build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void waitFor() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
