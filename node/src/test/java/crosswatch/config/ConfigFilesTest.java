package crosswatch.config;

import static crosswatch.config.Loading.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  @TempDir Path dir;

  private String file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  @Nested
  class YamlConfig {
    @Test
    void aMissingFileIsRefused() {
      String missing = dir.resolve("nope.yaml").toString();

      assertThat(error("--config", missing).line())
          .isEqualTo("crosswatch: --config: cannot read \"" + missing + "\" (no such file)");
    }

    @Test
    void invalidYamlIsRefusedWithItsPositionButNotItsContent() throws IOException {
      String path = file("bad.yaml", "rpc: [\"1=http://user:s3cret@h\"\nhttp-port: : :\n");

      ConfigError e = error("--config", path);

      assertThat(e.line()).startsWith("crosswatch: --config: \"" + path + "\" is not valid YAML at line")
          .doesNotContain("s3cret");
    }

    @Test
    void anUnknownKeyIsRefused() throws IOException {
      String path = file("c.yaml", "rpc: 1=http://a\nhttp_port: 1\n");

      assertThat(error("--config", path).line())
          .isEqualTo("crosswatch: --config: unknown key \"http_port\" in \"" + path + "\"");
    }

    @Test
    void aListForASingleValuedFlagIsRefused() throws IOException {
      String path = file("c.yaml", "rpc: 1=http://a\nhttp-port: [1, 2]\n");

      assertThat(error("--config", path).message()).isEqualTo("key \"http-port\" in \"" + path
          + "\" must be a single value");
    }

    @Test
    void aBadValueInTheFileNamesTheFlagAndTheFile() throws IOException {
      String path = file("c.yaml", "rpc: 1=http://a\nlog-format: xml\n");

      assertThat(error("--config", path).line())
          .isEqualTo("crosswatch: --log-format: expected kv or json, got \"xml\" (in " + path + ")");
    }

    @Test
    void helpAndConfigAreNotKeysOfTheFile() throws IOException {
      assertThat(error("--config", file("c.yaml", "config: other.yaml\n")).message()).contains("unknown key");
    }
  }

  @Nested
  class DependencySetFile {
    private ConfigError depsError(String json) throws IOException {
      return error("--rpc", "901=http://a", "--dependency-set", file("deps.json", json));
    }

    @Test
    void aMissingFileIsRefused() {
      assertThat(error("--rpc", "901=http://a", "--dependency-set", "/no/such/deps.json").line())
          .isEqualTo("crosswatch: --dependency-set: cannot read \"/no/such/deps.json\" (no such file)");
    }

    @Test
    void invalidJsonIsRefused() throws IOException {
      assertThat(depsError("{\"chains\": [").message()).contains("is not valid JSON at line");
    }

    @Test
    void aMisspeltFieldIsRefused() throws IOException {
      assertThat(depsError("{\"chains\": [{\"chainId\": 901, \"activationTime\": 5}]}").message())
          .endsWith("chains[0]: unknown field \"activationTime\" (expected one of "
              + "[chainId, activationTimestamp, blockTimeSeconds])");
    }

    @Test
    void aLongerExpiryWindowIsRefused() throws IOException {
      assertThat(depsError("{\"chains\": [{\"chainId\": 901}], \"expiryWindowSeconds\": 604801}").message())
          .contains("expiryWindowSeconds must be in 1..604800");
    }

    @Test
    void aChainListedTwiceIsRefused() throws IOException {
      assertThat(depsError("{\"chains\": [{\"chainId\": 901}, {\"chainId\": \"901\"}]}").message())
          .endsWith("chain 901 is listed twice");
    }

    @Test
    void aConfiguredChainMissingFromTheSetIsRefused() throws IOException {
      assertThat(depsError("{\"chains\": [{\"chainId\": 902}]}").message())
          .startsWith("chain 901 is configured with --rpc but missing from");
    }

    @Test
    void negativeOrFractionalNumbersAreRefused() throws IOException {
      assertThat(depsError("{\"chains\": [{\"chainId\": 901, \"blockTimeSeconds\": -2}]}").message())
          .contains("chains[0].blockTimeSeconds must be a non-negative integer");
      assertThat(depsError("{\"chains\": [{\"chainId\": 901, \"activationTimestamp\": 1.5}]}").message())
          .contains("chains[0].activationTimestamp must be a non-negative integer");
      assertThat(depsError("{\"chains\": [{\"chainId\": 901, \"blockTimeSeconds\": 0}]}").message())
          .contains("chains[0].blockTimeSeconds must be positive");
    }

    @Test
    void anEmptyChainListIsRefused() throws IOException {
      assertThat(depsError("{\"chains\": []}").message()).endsWith("\"chains\" must be a non-empty array");
    }
  }
}
