package crosswatch.faults;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a node showed of every message, as its {@code /api/v1/events} stream told it, each with the moment
 * the test saw it: what an operator watching the node would have seen, a state corrected later included. A stream
 * that breaks is opened again with the longest replay.
 */
final class VerdictWatch implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int REPLAY = 1000;

  /**
   * One state of a message as the node showed it.
   *
   * @param accessList the access-list check: {@code ok}, {@code missing}, {@code mismatch} or {@code unchecked}
   */
  record Shown(String status, String reason, boolean isFinal, String accessList, Instant at) {
    String verdict() {
      return reason == null ? status : status + " " + reason;
    }
  }

  private final URI events;
  private final HttpClient client = HttpClient.newHttpClient();
  private final Map<String, List<Shown>> shown = new ConcurrentHashMap<>();
  private final AtomicInteger reconnects = new AtomicInteger();
  private final Thread reader;
  private volatile boolean closed;

  VerdictWatch(String baseUrl) {
    this.events = URI.create(baseUrl + "/api/v1/events?replay=" + REPLAY);
    reader = Thread.ofVirtual().name("verdict-watch").start(this::readForever);
  }

  private void readForever() {
    while (!closed) {
      try {
        HttpResponse<Stream<String>> response = client.send(HttpRequest.newBuilder(events).build(),
            HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
          lines.filter(line -> line.startsWith("data: ")).forEach(line -> take(line.substring(6)));
        }
      } catch (UncheckedIOException | java.io.IOException e) {
        // the node closed the stream: open it again below
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        reconnects.incrementAndGet();
        try {
          Thread.sleep(Duration.ofMillis(200));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void take(String data) {
    Instant at = Instant.now();
    JsonNode message = JSON.readTree(data).get("message");
    JsonNode reason = message.get("reason");
    var state = new Shown(message.get("status").asString(), reason == null || reason.isNull() ? null
        : reason.asString(), message.get("final").asBoolean(), message.path("accessList").asString(""), at);
    List<Shown> states = shown.computeIfAbsent(message.get("id").asString(), id -> new ArrayList<>());
    synchronized (states) {
      states.add(state);
    }
  }

  /** Every state shown for the message, in the order seen; empty when the node never showed it. */
  List<Shown> of(String id) {
    List<Shown> states = shown.get(id);
    if (states == null) {
      return List.of();
    }
    synchronized (states) {
      return List.copyOf(states);
    }
  }

  Optional<Shown> latest(String id) {
    List<Shown> states = of(id);
    return states.isEmpty() ? Optional.empty() : Optional.of(states.getLast());
  }

  Set<String> ids() {
    return Set.copyOf(shown.keySet());
  }

  /** How often the stream broke and was opened again (a replay may then have missed older changes). */
  int reconnects() {
    return reconnects.get();
  }

  @Override
  public void close() {
    closed = true;
    reader.interrupt();
    client.shutdownNow();
  }
}
