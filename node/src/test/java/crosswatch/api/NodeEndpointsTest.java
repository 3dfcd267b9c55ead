package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.store.ChainStatus;
import crosswatch.store.EndpointStatus;
import crosswatch.store.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/chains}, {@code /api/v1/summary} and {@code /readyz}. */
class NodeEndpointsTest {
  private final StubNode node = new StubNode(64);
  private RunningApi api;

  @BeforeEach
  void start() throws Exception {
    api = new RunningApi(node);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  @Nested
  class Chains {
    @Test
    void eachChainShowsItsHeadsCheckpointLagOwnersAndConnection() {
      node.chains = List.of(StubNode.chain(901, 1_000, 990), new ChainStatus(902, "wss://rpc.example:443", false,
          OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
          OptionalLong.empty(), List.of(), Optional.of("timeout"), Optional.of(Instant.parse("2026-12-02T10:00:00Z")),
          List.of(new EndpointStatus("wss://rpc.example:443", true, false, Optional.of("timeout after 10s"),
              Optional.of(Instant.parse("2026-12-02T10:00:00Z"))),
              new EndpointStatus("https://other.example:443", false, true, Optional.empty(),
                  Optional.of(Instant.parse("2026-12-02T09:00:00Z"))))));

      JsonNode chains = api.get("/api/v1/chains").json().get("chains");

      assertThat(chains.size()).isEqualTo(2);
      JsonNode first = chains.get(0);
      assertThat(first.propertyNames()).containsExactly("chainId", "rpc", "heads", "checkpoint", "lagBlocks",
          "owners", "connected", "lastError", "lastErrorAt", "endpoints");
      assertThat(first.get("chainId").asString()).isEqualTo("901");
      assertThat(first.get("rpc").asString()).isEqualTo("http://127.0.0.1:8545");
      assertThat(first.get("heads").get("latest").asString()).isEqualTo("1000");
      assertThat(first.get("heads").get("safe").asString()).isEqualTo("995");
      assertThat(first.get("heads").get("finalized").asString()).isEqualTo("990");
      assertThat(first.get("checkpoint").asString()).isEqualTo("990");
      assertThat(first.get("lagBlocks").asString()).isEqualTo("10");
      assertThat(first.get("owners").get(0).asString()).isEqualTo("node-a");
      assertThat(first.get("connected").asBoolean()).isTrue();
      assertThat(first.get("lastError").isNull()).isTrue();
      JsonNode second = chains.get(1);
      assertThat(second.get("connected").asBoolean()).isFalse();
      assertThat(second.get("heads").get("latest").isNull()).isTrue();
      assertThat(second.get("lagBlocks").isNull()).isTrue();
      assertThat(second.get("lastError").asString()).isEqualTo("timeout");
      assertThat(second.get("lastErrorAt").asString()).isEqualTo("2026-12-02T10:00:00Z");
      JsonNode endpoints = second.get("endpoints");
      assertThat(endpoints.size()).isEqualTo(2);
      assertThat(endpoints.get(0).get("active").asBoolean()).isTrue();
      assertThat(endpoints.get(0).get("lastError").asString()).isEqualTo("timeout after 10s");
      assertThat(endpoints.get(1).get("rpc").asString()).isEqualTo("https://other.example:443");
      assertThat(endpoints.get(1).get("connected").asBoolean()).isTrue();
      assertThat(endpoints.get(1).get("lastError").isNull()).isTrue();
      assertThat(endpoints.get(1).get("lastErrorAt").asString()).isEqualTo("2026-12-02T09:00:00Z");
    }
  }

  @Nested
  class Summary {
    @Test
    void countsEveryStatusZerosIncludedAndEachCombinationThatOccurs() {
      api.store.merge(Records.record(901, 1, 0, 100, 902, Status.VALID));
      api.store.merge(Records.record(901, 2, 0, 101, 902, Status.INVALID));
      api.store.merge(Records.record(902, 3, 0, 102, 901, Status.INVALID));

      JsonNode summary = api.get("/api/v1/summary").json();

      assertThat(summary.get("total").asLong()).isEqualTo(3);
      assertThat(summary.get("byStatus").get("invalid").asLong()).isEqualTo(2);
      assertThat(summary.get("byStatus").get("valid").asLong()).isEqualTo(1);
      assertThat(summary.get("byStatus").get("pending").asLong()).isZero();
      assertThat(summary.get("byStatus").get("reorged").asLong()).isZero();
      assertThat(summary.get("counts").size()).isEqualTo(3);
      JsonNode row = summary.get("counts").get(2);
      assertThat(row.get("executingChainId").asString()).isEqualTo("902");
      assertThat(row.get("initiatingChainId").asString()).isEqualTo("901");
      assertThat(row.get("status").asString()).isEqualTo("invalid");
      assertThat(row.get("count").asLong()).isEqualTo(1);
    }

    @Test
    void aStatusChangeMovesTheCountAndAFlipBetweenValidAndInvalidIsCounted() {
      var r = Records.record(901, 1, 0, 100, 902, Status.VALID);
      api.store.merge(r);
      api.store.merge(Records.rejudged(r, Status.INVALID, 10));

      JsonNode summary = api.get("/api/v1/summary").json();

      assertThat(summary.get("byStatus").get("valid").asLong()).isZero();
      assertThat(summary.get("byStatus").get("invalid").asLong()).isEqualTo(1);
      assertThat(summary.get("flips").asLong()).isEqualTo(1);
    }
  }

  @Nested
  class Readiness {
    @Test
    void readyWhenInTheClusterAndEveryChainIsConnectedAndWithinTheLag() {
      node.chains = List.of(StubNode.chain(901, 1_000, 936), StubNode.chain(902, 50, 50));

      assertThat(api.get("/readyz").status()).isEqualTo(200);
    }

    @Test
    void aChainTooFarBehindMakesItNotReadyUntilItCatchesUp() {
      node.chains = List.of(StubNode.chain(901, 1_000, 935));
      var response = api.get("/readyz");
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.json().get("problems").get(0).asString()).contains("901").contains("65 blocks behind");

      node.chains = List.of(StubNode.chain(901, 1_000, 999));
      assertThat(api.get("/readyz").status()).isEqualTo(200);
    }

    @Test
    void aDisconnectedChainOrLeavingTheClusterMakesItNotReady() {
      var up = StubNode.chain(901, 1_000, 1_000);
      node.chains = List.of(new ChainStatus(901, up.rpc(), false, up.latest(), up.safe(), up.finalized(),
          up.latestTimestamp(), up.checkpoint(), up.owners(), Optional.of("connection refused"), Optional.empty(),
          List.of()));
      assertThat(api.get("/readyz").status()).isEqualTo(503);

      node.chains = List.of(up);
      node.inCluster = false;
      var response = api.get("/readyz");
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.json().get("problems").get(0).asString()).isEqualTo("not in the cluster");
    }

    @Test
    void aChainWithoutAHeadYetIsNotReady() {
      node.chains = List.of(new ChainStatus(901, "http://x:1", true, OptionalLong.empty(), OptionalLong.empty(),
          OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), List.of(), Optional.empty(),
          Optional.empty(), List.of()));

      assertThat(api.get("/readyz").status()).isEqualTo(503);
    }

    @Test
    void healthStaysOkWhileNotReady() {
      node.inCluster = false;

      assertThat(api.get("/healthz").status()).isEqualTo(200);
    }
  }

  @Nested
  class BadParameters {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/chains?chainId=901", "/api/v1/summary?status=valid"})
    void endpointsWithoutParametersRefuseAny(String pathAndQuery) {
      var response = api.get(pathAndQuery);
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.json().get("parameter").asString()).isNotBlank();
    }
  }
}
