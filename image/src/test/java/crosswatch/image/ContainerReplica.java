package crosswatch.image;

import crosswatch.devnet.ChildProcess;
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
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One replica running in a container made from the image by {@code runc}, the OCI runtime under Docker and
 * Kubernetes (crun refuses this machine's hybrid cgroup layout). Its output goes to {@code log}; closing stops
 * it with SIGTERM, which runc passes to the node, and removes the container.
 */
final class ContainerReplica implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String id;
  private final int httpPort;
  private final Path log;
  private final ChildProcess runc;

  private ContainerReplica(String id, int httpPort, Path log, ChildProcess runc) {
    this.id = id;
    this.httpPort = httpPort;
    this.log = log;
    this.runc = runc;
  }

  static ContainerReplica start(String id, Path bundle, int httpPort, Path log) {
    ProcessBuilder builder = new ProcessBuilder("runc", "run", "--bundle", bundle.toString(), id)
        .redirectErrorStream(true).redirectOutput(log.toFile());
    return new ContainerReplica(id, httpPort, log, ChildProcess.start("runc-" + id, builder));
  }

  boolean alive() {
    return runc.isAlive();
  }

  /** Everything the container printed so far. */
  List<String> output() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status of a GET, 0 when nothing answers. */
  int status(String path) {
    return send(path).map(HttpResponse::statusCode).orElse(0);
  }

  /** The JSON body of a GET answered 200. */
  Optional<JsonNode> json(String path) {
    return send(path).filter(r -> r.statusCode() == 200).map(r -> JSON.readTree(r.body()));
  }

  private Optional<HttpResponse<String>> send(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(5)).build();
    try {
      return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    runc.stop();
    // Only left when runc itself had to be killed: then its container may still run.
    Command.run(null, List.of("runc", "delete", "--force", id));
  }

  @Override
  public String toString() {
    return id + " (log " + log + ")";
  }
}
