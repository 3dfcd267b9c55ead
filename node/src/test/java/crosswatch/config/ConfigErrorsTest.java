package crosswatch.config;

import static crosswatch.config.Loading.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigErrorsTest {

  @Nested
  class Rpc {
    @Test
    void aMalformedUrlNamesTheFlagAndTheValue() {
      assertThat(error("--rpc", "1=htp://x").line())
          .isEqualTo("crosswatch: --rpc: malformed URL \"htp://x\" (expected http, https, ws or wss)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1=ftp://host", "1=http://", "1=http:opaque", "1=http://host:99999", "1=not a url",
        "1="})
    void everyUnusableUrlIsRefused(String value) {
      assertThat(error("--rpc", value).message()).startsWith("malformed URL");
    }

    @Test
    void secretsInAMalformedUrlAreNeverPrinted() {
      ConfigError e = error("--rpc", "1=htps://user:s3cret@rpc.example.com:8545/v2/KEY123?token=abc");

      assertThat(e.line()).contains("\"htps://rpc.example.com:8545\"")
          .doesNotContain("s3cret", "user", "KEY123", "token");
    }

    @Test
    void aValueWithoutChainIdDoesNotPrintTheUrlsPathOrQuery() {
      ConfigError e = error("--rpc", "https://rpc.example.com/v2/KEY123?key=abc");

      assertThat(e.line()).isEqualTo("crosswatch: --rpc: expected <chainId>=<url>, got \"https://rpc.example.com\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc=http://x", "0=http://x", "-5=http://x", "99999999999999999999=http://x"})
    void aChainIdMustBeAPositiveDecimalThatFitsALong(String value) {
      ConfigError e = error("--rpc", value);

      assertThat(e.flag()).isEqualTo("rpc");
      assertThat(e.message()).contains("chain id").contains(value.substring(0, value.indexOf('=')));
    }

    @Test
    void theSameEndpointTwiceIsRefusedWithoutShowingItsSecrets() {
      assertThat(error("--rpc", "5=http://u:pw@a:8545/key", "--rpc", "5=http://u:pw@a:8545/key").line())
          .isEqualTo("crosswatch: --rpc: chain 5 has the same endpoint twice: http://a:8545");
    }

    @Test
    void theSameEndpointTwiceFromEnvSaysWhereItCameFrom() {
      assertThat(error(Map.of("CROSSWATCH_RPC", "5=http://a,5=http://a")).line())
          .isEqualTo("crosswatch: --rpc: chain 5 has the same endpoint twice: http://a (from CROSSWATCH_RPC)");
    }

    @Test
    void atLeastOneRpcIsRequired() {
      assertThat(error("--http-port", "1").line())
          .isEqualTo("crosswatch: --rpc: required: give at least one <chainId>=<url>");
    }

    @Test
    void aBadValueFromEnvNamesTheVariable() {
      assertThat(error(Map.of("CROSSWATCH_RPC", "1=http://a", "CROSSWATCH_HTTP_PORT", "x")).line())
          .isEqualTo("crosswatch: --http-port: expected a port number in 0..65535, got \"x\""
              + " (from CROSSWATCH_HTTP_PORT)");
    }
  }

  @Nested
  class CommandLine {
    @Test
    void anUnknownFlagIsRefused() {
      assertThat(error("--rpc", "1=http://a", "--colour", "red").line())
          .isEqualTo("crosswatch: --colour: unknown flag (see --help)");
    }

    @Test
    void aFlagWithoutItsValueIsRefused() {
      assertThat(error("--rpc", "1=http://a", "--http-port").line())
          .isEqualTo("crosswatch: --http-port: missing value <port>");
      assertThat(error("--rpc", "--http-port", "1").flag()).isEqualTo("rpc");
    }

    @Test
    void aStrayArgumentIsRefused() {
      assertThat(error("--rpc", "1=http://a", "extra").line())
          .isEqualTo("crosswatch: unexpected argument \"extra\" (flags start with --)");
    }

    @Test
    void aSingleValuedFlagGivenTwiceIsRefused() {
      assertThat(error("--rpc", "1=http://a", "--http-port", "1", "--http-port", "2").line())
          .isEqualTo("crosswatch: --http-port: given more than once");
    }
  }

  @Nested
  class Values {
    @ParameterizedTest
    @ValueSource(strings = {"abc", "65536", "-1", "7300.0", ""})
    void aPortOutsideZeroTo65535IsRefused(String port) {
      assertThat(error("--rpc", "1=http://a", "--http-port=" + port).line())
          .isEqualTo("crosswatch: --http-port: expected a port number in 0..65535, got \"" + port + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"24", "0s", "-5m", "1w", "1.5h", ""})
    void aRetentionWithoutAPositiveAmountAndUnitIsRefused(String retention) {
      assertThat(error("--rpc", "1=http://a", "--retention=" + retention).line())
          .isEqualTo("crosswatch: --retention: expected a positive duration such as 500ms, 60s, 10m, 24h or 7d, "
              + "got \"" + retention + "\"");
    }

    @Test
    void anUnknownLogFormatIsRefused() {
      assertThat(error("--rpc", "1=http://a", "--log-format", "xml").line())
          .isEqualTo("crosswatch: --log-format: expected kv or json, got \"xml\"");
    }

    @Test
    void aNodeNameWithSpacesIsRefused() {
      assertThat(error("--rpc", "1=http://a", "--node-name", "my node").flag()).isEqualTo("node-name");
    }

    @Test
    void aHostWithSpacesIsRefused() {
      assertThat(error("--rpc", "1=http://a", "--http-host", "local host").flag()).isEqualTo("http-host");
    }
  }

  @Nested
  class StartBlock {
    @Test
    void aStartBlockForAnUnconfiguredChainIsRefused() {
      assertThat(error("--rpc", "1=http://a", "--start-block", "2=latest").line())
          .isEqualTo("crosswatch: --start-block: chain 2 is not configured with --rpc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1=earliest", "1=latest-", "1=latest-x", "1=-5", "x=latest"})
    void aMalformedStartBlockIsRefused(String value) {
      assertThat(error("--rpc", "1=http://a", "--start-block", value).flag()).isEqualTo("start-block");
    }

    @Test
    void twoStartBlocksForOneChainAreRefused() {
      assertThat(error("--rpc", "1=http://a", "--start-block", "1=5", "--start-block", "1=6").line())
          .isEqualTo("crosswatch: --start-block: chain 1 is given more than once");
    }
  }
}
