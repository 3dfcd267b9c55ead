package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.store.MessageCursor;
import crosswatch.store.MessageQuery;
import crosswatch.store.Status;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** Whatever a client puts in a query string or an id, the API answers 200, 400 or 404: never a 5xx. */
class QueryFuzzTest {
  private RunningApi api;
  private String validCursor;

  @BeforeProperty
  void start() throws Exception {
    api = new RunningApi();
    for (int i = 0; i < 30; i++) {
      api.store.merge(Records.record(901 + i % 2, i, i % 3, 1_000 + i, 902, Status.values()[i % 4]));
    }
    validCursor = MessageCursor.of(api.store.query(MessageQuery.all(1)).items().getFirst()).encode();
  }

  @AfterProperty
  void stop() throws Exception {
    api.close();
  }

  @Property(tries = 300)
  void anyQueryStringGets200Or400WithAJsonBody(@ForAll("queries") String query) {
    var response = api.raw("/api/v1/messages?" + query);

    assertThat(response.status()).as(query).isIn(200, 400);
    if (response.contentType().equals("application/json")) {
      assertThat(response.json().has(response.status() == 200 ? "items" : "error")).as(query).isTrue();
    } else {
      // Only a request line the HTTP codec itself refuses may skip the router's JSON errors.
      assertThat(response.status()).as(query).isEqualTo(400);
    }
  }

  @Property(tries = 150)
  void anyEventStreamQueryGets200Or400(@ForAll("queries") String query) {
    // Asks for the headers only: a 200 is an endless stream.
    int status = api.statusOnly("/api/v1/events?" + query);

    assertThat(status).as(query).isIn(200, 400);
  }

  @Property(tries = 100)
  void anyQueryOfTheParameterlessEndpointsGets200Or400(@ForAll("queries") String query,
                                                       @ForAll("parameterless") String path) {
    var response = api.raw(path + "?" + query);

    assertThat(response.status()).as(path + "?" + query).isIn(200, 400);
  }

  @Provide
  Arbitrary<String> parameterless() {
    return Arbitraries.of("/api/v1/chains", "/api/v1/summary");
  }

  @Property(tries = 200)
  void anyMessageIdGets400Or404(@ForAll("ids") String id) {
    var response = api.raw("/api/v1/messages/" + URLEncoder.encode(id, StandardCharsets.UTF_8));

    assertThat(response.status()).as(id).isIn(400, 404);
  }

  @Provide
  Arbitrary<String> queries() {
    Arbitrary<String> key = Arbitraries.oneOf(
        Arbitraries.of("status", "executingChainId", "initiatingChainId", "limit", "cursor", "reason", "safety",
            "final", "since", "until", "txHash", "replay"),
        texts());
    Arbitrary<String> value = Arbitraries.oneOf(texts(), numbers(),
        Arbitraries.of("valid", "invalid", "pending", "reorged", "", "1e3", "0x10", "NaN", "+5", "1000", "1001",
            "payload-mismatch", "expired", "unsafe", "safe", "finalized", "true", "false", "2025-03-01T12:00:00Z",
            "-1", "9223372036854775807", "0x" + "ab".repeat(32), "0X" + "AB".repeat(32)),
        Arbitraries.just(validCursor));
    Arbitrary<String> encoded = Combinators.combine(key, value)
        .as((k, v) -> encode(k) + "=" + encode(v));
    Arbitrary<String> raw = Arbitraries.strings().withChars("%&=+;?/azAZ09.-_~").ofMaxLength(12);
    return Arbitraries.frequencyOf(
            Tuple.of(4, encoded), Tuple.of(1, raw))
        .list().ofMaxSize(6)
        .map(parts -> String.join("&", parts));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().all().ofMaxLength(40);
  }

  /** Any text except what a path resolves to the list itself: nothing, "." (and ".." leaves the API: 404). */
  @Provide
  Arbitrary<String> ids() {
    return texts().filter(id -> !id.isEmpty() && !id.equals("."));
  }

  private Arbitrary<String> numbers() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.TEN.pow(80).negate(), BigInteger.TEN.pow(80))
        .map(BigInteger::toString);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
