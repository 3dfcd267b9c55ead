package crosswatch.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A Server-Sent Events client for tests: collects every event's name and JSON data as they arrive. */
final class EventStream implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One received event. */
  record Event(String name, String id, JsonNode data) {}

  private final HttpClient client = HttpClient.newHttpClient();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final HttpResponse<Stream<String>> response;
  private final Thread reader;

  EventStream(URI uri) throws Exception {
    response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofLines());
    reader = Thread.ofVirtual().start(this::read);
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("content-type").orElse("");
  }

  private void read() {
    String name = "message";
    String id = null;
    var data = new ArrayList<String>();
    try (Stream<String> lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(name, id, JSON.readTree(String.join("\n", data))));
          }
          name = "message";
          id = null;
          data.clear();
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        }
      }
    } catch (RuntimeException e) {
      // the stream was closed by the test or the server
    }
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  /** Waits until {@code count} events have arrived and returns them. */
  List<Event> await(int count) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= count);
    return events();
  }

  @Override
  public void close() {
    client.shutdownNow();
    reader.interrupt();
  }
}
