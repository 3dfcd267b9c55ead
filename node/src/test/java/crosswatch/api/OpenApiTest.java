package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.Reason;
import crosswatch.store.MessageCounts;
import crosswatch.store.Safety;
import crosswatch.store.Status;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document served at {@code /api/v1/openapi.json} describes exactly what the server does. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {
  private final StubNode node = new StubNode(64);
  private RunningApi api;
  private JsonNode doc;
  private String messageId;

  @BeforeAll
  void start() throws Exception {
    node.chains = List.of(StubNode.chain(901, 100, 100));
    api = new RunningApi(node);
    var record = Records.record(901, 1, 0, 100, 902, Status.VALID);
    api.store.merge(record);
    messageId = record.key().toString();
    var response = api.get("/api/v1/openapi.json");
    assertThat(response.status()).isEqualTo(200);
    doc = response.json();
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private Set<String> documentedPaths() {
    return new TreeSet<>(doc.get("paths").propertyNames());
  }

  private List<JsonNode> parameters(String path) {
    JsonNode params = doc.get("paths").get(path).get("get").get("parameters");
    return params == null ? List.of() : StreamSupport.stream(params.spliterator(), false).toList();
  }

  private Set<String> queryParameters(String path) {
    return parameters(path).stream()
        .filter(p -> p.get("in").asString().equals("query"))
        .map(p -> p.get("name").asString()).collect(Collectors.toCollection(TreeSet::new));
  }

  private List<String> enumOf(String path, String parameter) {
    var values = new ArrayList<String>();
    for (JsonNode p : parameters(path)) {
      if (p.get("name").asString().equals(parameter)) {
        p.get("schema").get("enum").forEach(v -> values.add(v.asString()));
      }
    }
    return values;
  }

  @Nested
  class Paths {
    @Test
    void everyRouteIsDocumentedAndEveryDocumentedPathIsARoute() {
      Vertx vertx = Vertx.vertx();
      try {
        var store = new crosswatch.store.InMemoryMessageStore();
        var router = Routes.router(vertx, store, api.registry, Runnable::run, node, new MessageCounts(store),
            new EventFeed(store.events(), "test"), Optional.of(RunningApi::cluster), "test", false);
        Set<String> routes = router.getRoutes().stream().map(Route::getPath).filter(Objects::nonNull)
            .map(p -> p.replaceAll(":([A-Za-z]+)", "{$1}")).collect(Collectors.toCollection(TreeSet::new));

        assertThat(routes).isEqualTo(documentedPaths());
      } finally {
        vertx.close();
      }
    }

    @Test
    void everyDocumentedPathAnswersWithADocumentedStatus() throws Exception {
      for (String path : documentedPaths()) {
        String concrete = path.replace("{id}", messageId);
        int status;
        if (path.equals("/api/v1/events")) {
          try (var stream = new EventStream(api.uri(concrete))) {
            status = stream.status();
          }
        } else {
          status = api.get(concrete).status();
        }
        assertThat(doc.get("paths").get(path).get("get").get("responses").has(Integer.toString(status)))
            .as(path + " answered " + status).isTrue();
        assertThat(status).as(path).isEqualTo(200);
      }
    }
  }

  @Nested
  class Schemas {
    private Set<String> documented(String schema) {
      return new TreeSet<>(doc.get("components").get("schemas").get(schema).get("properties").propertyNames());
    }

    @Test
    void theSummaryAndTheSeriesAnswerExactlyTheDocumentedFields() {
      assertThat(new TreeSet<>(api.get("/api/v1/summary").json().propertyNames())).isEqualTo(documented("Summary"));
      JsonNode series = api.get("/api/v1/series").json();
      assertThat(new TreeSet<>(series.propertyNames())).isEqualTo(documented("Series"));
      assertThat(new TreeSet<>(series.get("buckets").get(0).propertyNames())).isEqualTo(new TreeSet<>(
          doc.get("components").get("schemas").get("Series").get("properties").get("buckets").get("items")
              .get("properties").propertyNames()));
    }
  }

  @Nested
  class Parameters {
    @Test
    void theListAndTheStreamDocumentExactlyTheParametersTheyAccept() {
      assertThat(queryParameters("/api/v1/messages")).isEqualTo(new TreeSet<>(Params.MESSAGE_QUERY));
      assertThat(queryParameters("/api/v1/events")).isEqualTo(new TreeSet<>(Params.EVENT_QUERY));
      assertThat(queryParameters("/api/v1/series")).isEqualTo(new TreeSet<>(Params.SERIES_QUERY));
    }

    @Test
    void everyOtherPathTakesNoQueryParameters() {
      for (String path : documentedPaths()) {
        if (!List.of("/api/v1/messages", "/api/v1/events", "/api/v1/series").contains(path)) {
          assertThat(queryParameters(path)).as(path).isEmpty();
        }
      }
    }

    @Test
    void enumeratedValuesAreTheWireNames() {
      for (String path : List.of("/api/v1/messages", "/api/v1/events")) {
        assertThat(enumOf(path, "status"))
            .isEqualTo(Arrays.stream(Status.values()).map(Status::wireName).toList());
        assertThat(enumOf(path, "reason"))
            .isEqualTo(Arrays.stream(Reason.values()).map(Reason::wireName).toList());
        assertThat(enumOf(path, "safety"))
            .isEqualTo(Arrays.stream(Safety.values()).map(Safety::wireName).toList());
      }
    }

    @Test
    void anUndocumentedParameterIsRefused() {
      assertThat(api.get("/api/v1/chains?verbose=true").status()).isEqualTo(400);
      assertThat(api.get("/readyz").status()).isEqualTo(200);
    }
  }
}
