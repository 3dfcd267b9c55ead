package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestsTest {
  private RunningApi api;

  @BeforeAll
  void start() throws Exception {
    api = new RunningApi();
    api.store.merge(Records.record(901, 1, 0, 100, 902, crosswatch.store.Status.VALID));
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private JsonNode badRequest(String pathAndQuery) {
    var response = api.get(pathAndQuery);
    assertThat(response.status()).as(pathAndQuery).isEqualTo(400);
    JsonNode error = response.json();
    assertThat(error.propertyNames()).containsExactlyInAnyOrder("error", "parameter");
    assertThat(error.get("error").asString()).isNotBlank();
    return error;
  }

  @Nested
  class QueryParameters {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "status=bogus | status",
        "status=VALID | status",
        "executingChainId=abc | executingChainId",
        "executingChainId=-1 | executingChainId",
        "executingChainId=0 | executingChainId",
        "executingChainId=99999999999999999999 | executingChainId",
        "executingChainId=1.5 | executingChainId",
        "initiatingChainId=0x1 | initiatingChainId",
        "limit=0 | limit",
        "limit=1001 | limit",
        "limit=abc | limit",
        "limit=-5 | limit",
        "limit=99999999999999999999999 | limit",
        "cursor=garbage | cursor",
        "cursor=MTIzfG5vdC1hbi1pZA | cursor",
        "executingChain=901 | executingChain",
        "status=valid&status=invalid | status",
        "agreement=disagreed | agreement",
        "agreement=SINGLE_SITE | agreement",
    })
    void everyBadParameterIs400NamingIt(String query, String parameter) {
      assertThat(badRequest("/api/v1/messages?" + query).get("parameter").asString()).isEqualTo(parameter);
    }

    @Test
    void theErrorSaysWhatIsExpected() {
      assertThat(badRequest("/api/v1/messages?limit=1001").get("error").asString())
          .isEqualTo("must be an integer in 1..1000");
      assertThat(badRequest("/api/v1/messages?status=x").get("error").asString())
          .isEqualTo("must be one of pending, valid, invalid, reorged");
      assertThat(badRequest("/api/v1/messages?agreement=x").get("error").asString())
          .isEqualTo("must be one of agree, disagree, single-site");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status=%zz", "status=%", "limit=%e9", "%zz=1", "cursor=%FF%FE"})
    void aMalformedPercentEncodingIs400(String query) {
      var response = api.raw("/api/v1/messages?" + query);

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.json().get("error").asString()).isNotBlank();
    }
  }

  @Nested
  class MessageIds {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nope", "901-0x01-0", "901--0",
        "901-0x0000000000000000000000000000000000000000000000000000000000000001-x",
        "0901-0x0000000000000000000000000000000000000000000000000000000000000001-0",
        "901-0X0000000000000000000000000000000000000000000000000000000000000001-0",
        "901-0x000000000000000000000000000000000000000000000000000000000000000A-0",
        "-1-0x0000000000000000000000000000000000000000000000000000000000000001-0"})
    void aMalformedOrNonCanonicalIdIs400(String id) {
      assertThat(badRequest("/api/v1/messages/" + id).get("parameter").asString()).isEqualTo("id");
    }

    @Test
    void queryParametersOnAnIdAreIgnoredBecauseTheRouteTakesNone() {
      String id = "901-" + Records.hash(1) + "-0";
      assertThat(api.get("/api/v1/messages/" + id).status()).isEqualTo(200);
    }
  }

  @Nested
  class Routing {
    @Test
    void anUnknownRouteIs404Json() {
      var response = api.get("/api/v2/nothing");

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.json().get("error").asString()).isEqualTo("not found");
    }

    @Test
    void aWrongMethodIs405Json() {
      var response = api.send(HttpRequest.newBuilder(api.uri("/api/v1/messages"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

      assertThat(response.status()).isEqualTo(405);
      assertThat(response.json().get("error").asString()).isEqualTo("method not allowed");
    }
  }
}
