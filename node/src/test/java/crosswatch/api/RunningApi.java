package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;


import crosswatch.cluster.ClusterStatus;
import crosswatch.cluster.SiteLink;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageCounts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An API server on a free local port, over an in-memory store that tests fill and change. */
final class RunningApi implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final InMemoryMessageStore store = new InMemoryMessageStore();
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ApiServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  final int port;

  /**
   * What the servers built with a {@link NodeView} show on {@code /api/v1/cluster}: a three-member cluster, one of
   * two sites; the other site's backups arrived 1.5 s ago.
   */
  static ClusterStatus cluster() {
    return new ClusterStatus("node-a", "crosswatch", "node-a", List.of("node-a", "node-b", "node-c"), 3, false,
        Map.of(901L, List.of("node-b")), List.of(
            new SiteLink("crosswatch", true, List.of("node-a"), Optional.empty(), Optional.of(Duration.ZERO)),
            new SiteLink("region-b", false, List.of("b-0", "b-1"),
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), Optional.of(Duration.ofMillis(1500)))));
  }

  RunningApi() throws TimeoutException {
    server = new ApiServer(store, registry);
    port = server.start("127.0.0.1", 0);
  }

  /** A server showing {@code node}'s chains and readiness. */
  RunningApi(NodeView node) throws TimeoutException {
    server = new ApiServer(store, registry, new MessageCounts(store), node, Optional.of(RunningApi::cluster));
    port = server.start("127.0.0.1", 0);
  }

  record Response(int status, String contentType, String body) {
    JsonNode json() {
      assertThat(contentType).isEqualTo("application/json");
      return JSON.readTree(body);
    }
  }

  Response get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code target} as the request line's target byte for byte, so tests can send what HttpClient refuses to
   * (e.g. {@code %zz}). The status is -1 when the server closed without answering.
   */
  Response raw(String target) {
    try (var socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      if (!text.startsWith("HTTP/1.1 ") || split < 0) {
        return new Response(-1, "", text);
      }
      String contentType = text.substring(0, split).lines()
          .filter(h -> h.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
          .map(h -> h.substring(h.indexOf(':') + 1).strip()).findFirst().orElse("");
      return new Response(Integer.parseInt(text.substring(9, 12)), contentType, text.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status of a GET of {@code target} (sent byte for byte), read from the status line alone. */
  int statusOnly(String target) {
    try (var socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      byte[] line = socket.getInputStream().readNBytes(12);
      String text = new String(line, StandardCharsets.US_ASCII);
      return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  @Override
  public void close() throws TimeoutException {
    client.close();
    server.close();
    registry.close();
  }
}
