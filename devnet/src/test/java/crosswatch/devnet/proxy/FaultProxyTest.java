package crosswatch.devnet.proxy;

import static crosswatch.devnet.proxy.JsonRpcClients.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crosswatch.devnet.ChainSpec;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.InitiatingLog;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;

/** Each fault seen from a plain client in front of a real anvil; healing brings the truth back. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class FaultProxyTest {
  private static final Duration SHORT = Duration.ofMillis(700);

  private Devnet devnet;
  private DevnetChain chain;
  private DevnetChain other;
  private InitiatingLog log;
  private FaultProxy proxy;
  /** The proxy's http URL with credentials, a path and a query a provider would put an API key in. */
  private String url;

  @BeforeAll
  void startChains() {
    devnet = Devnet.start(List.of(ChainSpec.of(901), ChainSpec.of(902)));
    chain = devnet.chain(901);
    other = devnet.chain(902);
    log = chain.emitInitiating(List.of(Hash.sha3String("proxied")), "0x" + "ab".repeat(4));
    chain.mine(3);
  }

  @AfterAll
  void stopChains() {
    devnet.close();
  }

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.start(chain.rpcUrl());
    url = "http://user:secret@127.0.0.1:" + proxy.port() + "/v3/key123?apikey=secret";
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  private JsonNode call(String body) throws Exception {
    HttpResponse<String> response = post(url, body);
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  private static String request(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  private static String batch(String... requests) {
    return "[" + String.join(",", requests) + "]";
  }

  private static String logsByRange(long from, long to) {
    return "[{\"fromBlock\":\"" + Json.quantity(from) + "\",\"toBlock\":\"" + Json.quantity(to) + "\"}]";
  }

  private static String block(long number) {
    return "[\"" + Json.quantity(number) + "\",false]";
  }

  @Nested
  class Truth {
    @Test
    void answersAsTheNodeDoesOverHttpAndWsWhateverThePathAndQuery() throws Exception {
      assertThat(call(request(1, "eth_chainId", "[]")).get("result").asString()).isEqualTo("0x385");
      try (var ws = new JsonRpcClients.Ws("ws://127.0.0.1:" + proxy.port() + "/ws/v3/key?x=1")) {
        ws.send(request(7, "eth_chainId", "[]"));
        JsonNode answer = Json.MAPPER.readTree(ws.next(Duration.ofSeconds(5)));
        assertThat(answer.get("id").asInt()).isEqualTo(7);
        assertThat(answer.get("result").asString()).isEqualTo("0x385");
      }
    }

    @Test
    void countsEveryBatchElementAsOneRequestAndTakingCountsStartsAgain() throws Exception {
      call(batch(request(1, "eth_getBlockByNumber", block(0)), request(2, "eth_getBlockByNumber", block(1)),
          request(3, "eth_getBlockByNumber", block(2)), request(4, "eth_chainId", "[]")));
      call(request(5, "eth_blockNumber", "[]"));
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(batch(request(6, "eth_chainId", "[]"), request(7, "eth_getLogs", logsByRange(0, 1))));
        assertThat(ws.next(Duration.ofSeconds(5))).isNotNull();
      }

      RequestCounts counts = proxy.takeCounts();
      assertThat(counts.byMethod()).isEqualTo(Map.of("eth_getBlockByNumber", 3L, "eth_chainId", 2L,
          "eth_blockNumber", 1L, "eth_getLogs", 1L));
      assertThat(counts.total()).isEqualTo(7);
      assertThat(counts.roundTrips()).isEqualTo(3);
      assertThat(proxy.counts().total()).isZero();
      call(request(8, "eth_chainId", "[]"));
      assertThat(proxy.counts().byMethod()).isEqualTo(Map.of("eth_chainId", 1L));
    }

    @Test
    void passesNewHeadsNotificationsOfASubscriptionOverWs() throws Exception {
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(request(1, "eth_subscribe", "[\"newHeads\"]"));
        assertThat(Json.MAPPER.readTree(ws.next(Duration.ofSeconds(5))).get("result").asString()).startsWith("0x");
        chain.mine(1);
        JsonNode note = Json.MAPPER.readTree(ws.next(Duration.ofSeconds(5)));
        assertThat(note.get("method").asString()).isEqualTo("eth_subscription");
        assertThat(Json.quantity(note.at("/params/result/number"))).isEqualTo(chain.head());
      }
    }
  }

  @Nested
  class Refusals {
    @Test
    void aRateLimitAnswers429WithRetryAfterUntilHealed() throws Exception {
      proxy.fault(Fault.http429(Duration.ofSeconds(3)));
      HttpResponse<String> limited = post(url, request(1, "eth_chainId", "[]"));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
      assertThat(limited.body()).as("a provider's answer that names the key").contains("/v3/key123?apikey=secret");

      proxy.heal();
      assertThat(call(request(2, "eth_chainId", "[]")).get("result").asString()).isEqualTo("0x385");
    }

    @Test
    void anRpcRateLimitRefusesEachElementWith32005OverHttpAndWs() throws Exception {
      proxy.fault(Fault.rpcRateLimit(Duration.ofSeconds(2)));
      JsonNode answers = call(batch(request(1, "eth_chainId", "[]"), request(2, "eth_blockNumber", "[]")));
      assertThat(answers).hasSize(2).allSatisfy(a -> {
        assertThat(a.at("/error/code").asInt()).isEqualTo(-32005);
        assertThat(a.at("/error/data/backoff_seconds").asInt()).isEqualTo(2);
      });
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(request(3, "eth_chainId", "[]"));
        assertThat(Json.MAPPER.readTree(ws.next(Duration.ofSeconds(5))).at("/error/code").asInt()).isEqualTo(-32005);
      }
    }

    @Test
    void aBudgetLetsThatManyRequestsThroughAndRefusesTheRest() throws Exception {
      proxy.fault(new Fault.RateLimit(Match.any(), 2, Duration.ofSeconds(1), false));
      var requests = new ArrayList<String>();
      for (int i = 0; i < 6; i++) {
        requests.add(request(i, "eth_chainId", "[]"));
      }
      JsonNode answers = call(batch(requests.toArray(String[]::new)));
      long refused = 0;
      for (JsonNode answer : answers) {
        refused += answer.has("error") ? 1 : 0;
      }
      assertThat(refused).isEqualTo(4);
    }

    @Test
    void aFaultOnEveryNthIdHitsOnlyThoseRequests() throws Exception {
      proxy.fault(new Fault.RateLimit(Match.everyNthId(3), 0, Duration.ofSeconds(1), false));
      JsonNode answers = call(batch(request(2, "eth_chainId", "[]"), request(3, "eth_chainId", "[]"),
          request(4, "eth_chainId", "[]"), request(6, "eth_chainId", "[]")));
      assertThat(answers).extracting(a -> a.has("error")).containsExactly(false, true, false, true);
    }

    @Test
    void aMethodSelectedFaultLeavesOtherMethodsAlone() throws Exception {
      proxy.fault(new Fault.RateLimit(Match.methods("eth_getLogs"), 0, Duration.ofSeconds(1), false));
      JsonNode answers = call(batch(request(1, "eth_getLogs", logsByRange(0, 1)), request(2, "eth_chainId", "[]")));
      assertThat(answers.get(0).at("/error/code").asInt()).isEqualTo(-32005);
      assertThat(answers.get(1).get("result").asString()).isEqualTo("0x385");
    }

    @Test
    void a503OverHttpClosesTheWsWith1013() throws Exception {
      proxy.fault(Fault.status(503));
      assertThat(post(url, request(1, "eth_chainId", "[]")).statusCode()).isEqualTo(503);
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(request(2, "eth_chainId", "[]"));
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1013);
      }
    }

    @Test
    void aResetBreaksTheConnectionWithoutAnAnswer() throws Exception {
      proxy.fault(Fault.reset());
      assertThatThrownBy(() -> post(url, request(1, "eth_chainId", "[]"))).isInstanceOf(IOException.class);
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(request(2, "eth_chainId", "[]"));
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(ws.received).isEmpty();
      }
    }

    @Test
    void aWsCloseSendsGoingAway() throws Exception {
      proxy.fault(Fault.closeWebSocket());
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(request(2, "eth_chainId", "[]"));
        assertThat(ws.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
      }
    }

    @Test
    void aHangAnswersNothingUntilHealedThenAnswersLate() throws Exception {
      proxy.fault(Fault.hang());
      CompletableFuture<HttpResponse<String>> late = JsonRpcClients.HTTP.sendAsync(
          java.net.http.HttpRequest.newBuilder(URI.create(url))
              .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request(1, "eth_chainId", "[]"))).build(),
          HttpResponse.BodyHandlers.ofString());
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(request(2, "eth_chainId", "[]"));
        assertThat(ws.next(SHORT)).isNull();
        assertThat(late).isNotDone();

        proxy.heal();
        assertThat(Json.MAPPER.readTree(ws.next(Duration.ofSeconds(5))).get("result").asString()).isEqualTo("0x385");
        assertThat(late.get(5, TimeUnit.SECONDS).body()).contains("0x385");
      }
    }

    @Test
    void aHangStopsNewHeadsNotifications() throws Exception {
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(request(1, "eth_subscribe", "[\"newHeads\"]"));
        assertThat(ws.next(Duration.ofSeconds(5))).isNotNull();
        proxy.fault(Fault.hang());
        chain.mine(1);
        assertThat(ws.next(SHORT)).isNull();
        proxy.heal();
        chain.mine(1);
        assertThat(Json.quantity(Json.MAPPER.readTree(ws.next(Duration.ofSeconds(5))).at("/params/result/number")))
            .isEqualTo(chain.head());
      }
    }
  }

  @Nested
  class Garble {
    @Test
    void truncatedJsonDoesNotParse() throws Exception {
      proxy.fault(Fault.garble(Garbage.TRUNCATED_JSON));
      HttpResponse<String> answer = post(url, request(1, "eth_chainId", "[]"));
      assertThat(answer.body()).startsWith("{").doesNotEndWith("}");
      assertThatThrownBy(() -> Json.MAPPER.readTree(answer.body())).isInstanceOf(RuntimeException.class);
    }

    /** One frame in n, as on a flaky link: a batch is cut off when its first request is selected, else whole. */
    @Test
    void aBatchIsCutOffWhenItsFirstRequestIsSelected() throws Exception {
      proxy.fault(new Fault.Garble(Match.everyNthId(4), Garbage.TRUNCATED_JSON));
      String selected = post(url, batch(request(4, "eth_chainId", "[]"), request(5, "eth_chainId", "[]"))).body();
      String spared = post(url, batch(request(3, "eth_chainId", "[]"), request(4, "eth_chainId", "[]"))).body();
      assertThatThrownBy(() -> Json.MAPPER.readTree(selected)).isInstanceOf(RuntimeException.class);
      assertThat(Json.MAPPER.readTree(spared)).hasSize(2);
    }

    @Test
    void htmlComesAsAPageWithStatus200() throws Exception {
      proxy.fault(Fault.garble(Garbage.HTML));
      HttpResponse<String> answer = post(url, request(1, "eth_chainId", "[]"));
      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/html");
      assertThat(answer.body()).startsWith("<html>");
    }

    @Test
    void aWrongIdAnswersUnderAnotherId() throws Exception {
      proxy.fault(Fault.garble(Garbage.WRONG_ID));
      JsonNode answer = call(request(1, "eth_chainId", "[]"));
      assertThat(answer.get("id").asInt()).isNotEqualTo(1);
      assertThat(answer.get("result").asString()).isEqualTo("0x385");
    }

    @Test
    void wrongTypesMakeListsObjectsAndNumbersJsonNumbers() throws Exception {
      proxy.fault(Fault.garble(Garbage.WRONG_TYPES));
      JsonNode answers = call(batch(request(1, "eth_getLogs", logsByRange(0, chain.head())),
          request(2, "eth_getBlockByNumber", block(1)), request(3, "eth_chainId", "[]")));
      assertThat(answers.get(0).get("result").isObject()).isTrue();
      assertThat(answers.get(1).at("/result/number").isInt()).isTrue();
      assertThat(answers.get(2).get("result").isNumber()).isTrue();
    }

    @Test
    void aReversedBatchKeepsEveryAnswerWithItsId() throws Exception {
      proxy.fault(Fault.garble(Garbage.REVERSED_BATCH));
      JsonNode answers = call(batch(request(1, "eth_chainId", "[]"), request(2, "eth_getBlockByNumber", block(0))));
      assertThat(answers.get(0).get("id").asInt()).isEqualTo(2);
      assertThat(answers.get(0).at("/result/number").asString()).isEqualTo("0x0");
      assertThat(answers.get(1).get("id").asInt()).isEqualTo(1);
    }

    @Test
    void aDuplicateAnswerAddsACopyToABatchAndSendsASingleAnswerTwiceOverWs() throws Exception {
      proxy.fault(Fault.garble(Garbage.DUPLICATE_ANSWER));
      JsonNode answers = call(batch(request(1, "eth_chainId", "[]"), request(2, "eth_blockNumber", "[]")));
      assertThat(answers).hasSize(3);
      assertThat(answers.get(2)).isEqualTo(answers.get(0));
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(request(3, "eth_chainId", "[]"));
        assertThat(ws.next(Duration.ofSeconds(5))).isEqualTo(ws.next(Duration.ofSeconds(5)));
      }
    }
  }

  @Nested
  class Lies {
    @Test
    void hiddenLogsByRangeLeaveHashQueriesAndHeadersTrue() throws Exception {
      proxy.fault(Fault.hideLogs(Match.logsByRange()));
      String byHash = "[{\"blockHash\":\"" + log.blockHash() + "\"}]";
      JsonNode answers = call(batch(request(1, "eth_getLogs", logsByRange(log.blockNumber(), log.blockNumber())),
          request(2, "eth_getLogs", byHash), request(3, "eth_getBlockByNumber", block(log.blockNumber()))));
      assertThat(answers.get(0).get("result")).isEmpty();
      assertThat(answers.get(1).get("result")).hasSize(1);
      assertThat(answers.get(2).at("/result/hash").asString()).isEqualTo(log.blockHash());

      proxy.heal();
      assertThat(call(request(4, "eth_getLogs", logsByRange(log.blockNumber(), log.blockNumber())))
          .get("result")).hasSize(1);
    }

    @Test
    void hiddenLogsByHashLeaveRangeQueriesTrue() throws Exception {
      proxy.fault(Fault.hideLogs(Match.logsByHash()));
      JsonNode answers = call(batch(request(1, "eth_getLogs", "[{\"blockHash\":\"" + log.blockHash() + "\"}]"),
          request(2, "eth_getLogs", logsByRange(log.blockNumber(), log.blockNumber()))));
      assertThat(answers.get(0).get("result")).isEmpty();
      assertThat(answers.get(1).get("result")).hasSize(1);
    }

    @Test
    void hiddenLogsCanBeLimitedToAnEmitterAndAWindowOfBlocks() throws Exception {
      String range = logsByRange(0, chain.head());
      proxy.fault(Fault.hideLogs().ofAddress("0x" + "00".repeat(20)));
      assertThat(call(request(1, "eth_getLogs", range)).get("result")).hasSize(1);
      proxy.fault(Fault.hideLogs().ofAddress(log.origin()).inBlocks(log.blockNumber() + 1, Long.MAX_VALUE));
      assertThat(call(request(2, "eth_getLogs", range)).get("result")).hasSize(1);
      proxy.fault(Fault.hideLogs().ofAddress(log.origin()).inBlocks(log.blockNumber(), log.blockNumber()));
      assertThat(call(request(3, "eth_getLogs", range)).get("result")).isEmpty();
    }

    @Test
    void forgedLogDataFlipsTheLastBitOfTheEmittersLogsOnlyAndHealingBringsTheTruthBack() throws Exception {
      String range = logsByRange(log.blockNumber(), log.blockNumber());
      String truth = call(request(1, "eth_getLogs", range)).at("/result/0/data").asString();

      proxy.fault(Fault.forgeLogData("0x" + "00".repeat(20)));
      assertThat(call(request(2, "eth_getLogs", range)).at("/result/0/data").asString()).isEqualTo(truth);
      proxy.fault(Fault.forgeLogData(log.origin()));
      JsonNode forged = call(request(3, "eth_getLogs", "[{\"blockHash\":\"" + log.blockHash() + "\"}]"));
      assertThat(forged.at("/result/0/data").asString()).isEqualTo("0xabababaa");
      assertThat(forged.at("/result/0/blockHash").asString()).isEqualTo(log.blockHash());

      proxy.heal();
      assertThat(call(request(4, "eth_getLogs", range)).at("/result/0/data").asString()).isEqualTo(truth);
    }

    @Test
    void aPreviousBlocksHeaderAnswersByNumberAndByHash() throws Exception {
      long number = log.blockNumber();
      proxy.fault(Fault.wrongHeader(HeaderLie.PREVIOUS_BLOCK));
      JsonNode answers = call(batch(request(1, "eth_getBlockByNumber", block(number)),
          request(2, "eth_getBlockByHash", "[\"" + log.blockHash() + "\",false]")));
      assertThat(Json.quantity(answers.get(0).at("/result/number"))).isEqualTo(number - 1);
      assertThat(answers.get(1).at("/result/hash").asString()).isEqualTo(chain.block(number - 1).hash());
    }

    @Test
    void aFabricatedHashKeepsTheRestOfTheHeader() throws Exception {
      proxy.fault(Fault.wrongHeader(HeaderLie.FABRICATED_HASH));
      JsonNode header = call(request(1, "eth_getBlockByNumber", block(log.blockNumber()))).get("result");
      assertThat(Json.quantity(header.get("number"))).isEqualTo(log.blockNumber());
      assertThat(header.get("hash").asString()).hasSize(66).isNotEqualTo(log.blockHash());
      assertThat(header.get("parentHash").asString()).isEqualTo(chain.block(log.blockNumber() - 1).hash());
    }

    @Test
    void aLaggingNodeKnowsNothingNewerThanItsHead() throws Exception {
      long head = chain.head();
      proxy.fault(Fault.lag(2));
      JsonNode answers = call(batch(request(1, "eth_blockNumber", "[]"),
          request(2, "eth_getBlockByNumber", "[\"latest\",false]"), request(3, "eth_getBlockByNumber", block(head)),
          request(4, "eth_getLogs", logsByRange(head - 1, head))));
      assertThat(Json.quantity(answers.get(0).get("result"))).isEqualTo(head - 2);
      assertThat(Json.quantity(answers.get(1).at("/result/number"))).isEqualTo(head - 2);
      assertThat(answers.get(2).get("result").isNull()).isTrue();
      assertThat(answers.get(3).get("result")).isEmpty();
    }

    @Test
    void aLaggingNodeAnnouncesHeadsLate() throws Exception {
      proxy.fault(Fault.lag(2));
      try (var ws = new JsonRpcClients.Ws(proxy.wsUrl())) {
        ws.send(request(1, "eth_subscribe", "[\"newHeads\"]"));
        assertThat(ws.next(Duration.ofSeconds(5))).isNotNull();
        chain.mine(1);
        JsonNode note = Json.MAPPER.readTree(ws.next(Duration.ofSeconds(5)));
        assertThat(Json.quantity(note.at("/params/result/number"))).isEqualTo(chain.head() - 2);
      }
    }
  }

  @Nested
  class WrongChain {
    @Test
    void switchesEveryRequestToTheOtherNodeDropsWsClientsAndHealingSwitchesBack() throws Exception {
      try (var before = new JsonRpcClients.Ws(proxy.wsUrl())) {
        before.send(request(1, "eth_chainId", "[]"));
        assertThat(before.next(Duration.ofSeconds(5))).contains("0x385");

        proxy.fault(Fault.wrongChain(URI.create(other.rpcUrl())));

        assertThat(before.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
      }
      assertThat(call(request(2, "eth_chainId", "[]")).get("result").asString()).isEqualTo("0x386");
      try (var reconnected = new JsonRpcClients.Ws(proxy.wsUrl())) {
        reconnected.send(request(3, "eth_subscribe", "[\"newHeads\"]"));
        assertThat(reconnected.next(Duration.ofSeconds(5))).isNotNull();
        other.mine(1);
        assertThat(Json.quantity(Json.MAPPER.readTree(reconnected.next(Duration.ofSeconds(5)))
            .at("/params/result/number"))).isEqualTo(other.head());

        proxy.heal();

        assertThat(reconnected.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
      }
      assertThat(call(request(4, "eth_chainId", "[]")).get("result").asString()).isEqualTo("0x385");
    }
  }
}
