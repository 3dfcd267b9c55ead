package crosswatch.config;

import static crosswatch.config.Loading.config;
import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.StartBlock;
import crosswatch.protocol.DependencySet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrecedenceTest {
  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("crosswatch.yaml"), text);
  }

  @Nested
  class Defaults {
    @Test
    void onlyRpcGivenYieldsTheDocumentedDefaults() {
      Config c = config("--rpc", "901=http://localhost:8545", "--rpc=902=ws://localhost:8546");

      assertThat(c.chains()).extracting(ChainEndpoint::chainId).containsExactly(901L, 902L);
      assertThat(c.chains().get(1).isWebSocket()).isTrue();
      assertThat(c.httpPort()).isEqualTo(7300);
      assertThat(c.httpHost()).isEqualTo("127.0.0.1");
      assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
      assertThat(c.logFormat()).isEqualTo(LogFormat.KV);
      assertThat(c.nodeName()).isNotBlank();
      assertThat(c.startBlocks()).isEqualTo(Map.of(901L, StartBlock.LATEST, 902L, StartBlock.LATEST));
      assertThat(c.retention()).isEqualTo(Duration.ofHours(24));
      assertThat(c.sweepInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aChainMayHaveSeveralEndpointsKeptInTheOrderGivenFromFlagsEnvAndFile() throws IOException {
      Config fromFlags = config("--rpc", "901=https://a.example/key1", "--rpc", "902=http://c",
          "--rpc", "901=wss://b.example/key2");
      Config fromEnv = config(Map.of("CROSSWATCH_RPC", "901=https://a.example/key1,901=wss://b.example/key2"));
      Config fromFile = config("--config", yaml("rpc:\n  - 901=https://a.example/key1\n  - 901=wss://b.example/key2\n")
          .toString());

      assertThat(fromFlags.chains()).extracting(ChainEndpoint::display)
          .containsExactly("https://a.example", "http://c", "wss://b.example");
      for (Config c : List.of(fromEnv, fromFile)) {
        assertThat(c.chains()).extracting(ChainEndpoint::display).containsExactly("https://a.example", "wss://b.example");
        assertThat(c.startBlocks()).containsOnlyKeys(901L);
        assertThat(c.dependencies().chains()).containsOnlyKeys(BigInteger.valueOf(901));
      }
    }

    @Test
    void retentionAndSweepIntervalTakeAUnit() {
      Config c = config("--rpc", "901=http://a", "--retention", "90m", "--sweep-interval=500ms");

      assertThat(c.retention()).isEqualTo(Duration.ofMinutes(90));
      assertThat(c.sweepInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void everyChainDependsOnEveryOtherFromGenesisWithTheFullWindow() {
      DependencySet deps = config("--rpc", "901=http://a", "--rpc", "902=http://b").dependencies();

      assertThat(deps.expiryWindowSeconds()).isEqualTo(604_800);
      assertThat(deps.chains()).containsOnlyKeys(BigInteger.valueOf(901), BigInteger.valueOf(902));
      assertThat(deps.chains().values()).allSatisfy(d -> {
        assertThat(d.activationTimestamp()).isZero();
        assertThat(d.blockTimeSeconds()).isEqualTo(2);
      });
    }

    @Test
    void startBlocksAcceptNumbersLatestAndLatestMinusN() {
      Config c = config("--rpc", "1=http://a", "--rpc", "2=http://b", "--rpc", "3=http://c",
          "--start-block", "1=42", "--start-block", "2=latest-100");

      assertThat(c.startBlocks()).isEqualTo(Map.of(1L, new StartBlock.Number(42), 2L, new StartBlock.Latest(100),
          3L, StartBlock.LATEST));
    }
  }

  @Nested
  class FlagOverEnvOverFile {
    @Test
    void eachSingleFlagTakesTheHighestSourceThatSetsIt() throws IOException {
      Path file = yaml("""
          rpc: ["1=http://file"]
          http-port: 1001
          http-host: 10.0.0.1
          node-name: from-file
          log-format: json
          """);
      Map<String, String> env = Map.of("CROSSWATCH_CONFIG", file.toString(),
          "CROSSWATCH_HTTP_PORT", "2002", "CROSSWATCH_NODE_NAME", "from-env");

      Config c = config(env, "--http-port", "3003");

      assertThat(c.httpPort()).isEqualTo(3003);
      assertThat(c.nodeName()).isEqualTo("from-env");
      assertThat(c.httpHost()).isEqualTo("10.0.0.1");
      assertThat(c.logFormat()).isEqualTo(LogFormat.JSON);
      assertThat(c.chains()).containsExactly(new ChainEndpoint(1, java.net.URI.create("http://file")));
    }

    @Test
    void aRepeatableFlagFromAHigherSourceReplacesTheLowerListWhole() throws IOException {
      Path file = yaml("rpc:\n  - 1=http://file-a\n  - 2=http://file-b\n");
      Map<String, String> env = Map.of("CROSSWATCH_RPC", "3=http://env-a, 4=ws://env-b");

      assertThat(config(env, "--config", file.toString()).chains())
          .extracting(ChainEndpoint::chainId).containsExactly(3L, 4L);
      assertThat(config(env, "--config", file.toString(), "--rpc", "5=http://cli").chains())
          .extracting(ChainEndpoint::chainId).containsExactly(5L);
      assertThat(config(Map.of(), "--config", file.toString()).chains())
          .extracting(ChainEndpoint::chainId).containsExactly(1L, 2L);
    }

    @Test
    void emptyEnvValuesCountAsUnset() {
      Config c = config(Map.of("CROSSWATCH_HTTP_PORT", "", "CROSSWATCH_RPC", "7=http://env"));

      assertThat(c.httpPort()).isEqualTo(7300);
    }

    @Test
    void otherCrosswatchEnvVariablesAreIgnoredBecauseKubernetesInjectsServiceVariables() {
      Config c = config(Map.of("CROSSWATCH_PORT", "tcp://10.0.0.1:7300", "CROSSWATCH_RPC", "7=http://env"));

      assertThat(c.chains()).hasSize(1);
    }

    @Test
    void aDependencySetFileReplacesTheDefault() throws IOException {
      Path deps = Files.writeString(dir.resolve("deps.json"), """
          {"chains": [{"chainId": 901, "activationTimestamp": "1700000000", "blockTimeSeconds": 1},
                      {"chainId": "902"}],
           "expiryWindowSeconds": 3600}
          """);

      DependencySet set = config("--rpc", "901=http://a", "--rpc", "902=http://b",
          "--dependency-set", deps.toString()).dependencies();

      assertThat(set.expiryWindowSeconds()).isEqualTo(3600);
      assertThat(set.chain(BigInteger.valueOf(901))).hasValue(
          new DependencySet.ChainDependency(BigInteger.valueOf(901), 1_700_000_000L, 1));
      assertThat(set.chain(BigInteger.valueOf(902))).hasValue(
          new DependencySet.ChainDependency(BigInteger.valueOf(902), 0, 2));
    }
  }
}
