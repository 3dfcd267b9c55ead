package crosswatch.config;

import static crosswatch.config.Loading.config;
import static crosswatch.config.Loading.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --ready-lag-blocks}: how far behind its head a chain may be while {@code /readyz} still says ready. */
class ReadyLagBlocksTest {

  @Test
  void defaultsTo64Blocks() {
    assertThat(config("--rpc", "1=http://a").readyLagBlocks()).isEqualTo(Config.DEFAULT_READY_LAG_BLOCKS)
        .isEqualTo(64);
  }

  @Test
  void isReadFromTheFlagOrTheEnvironment() {
    assertThat(config("--rpc", "1=http://a", "--ready-lag-blocks", "0").readyLagBlocks()).isZero();
    assertThat(config(Map.of("CROSSWATCH_READY_LAG_BLOCKS", "300"), "--rpc", "1=http://a").readyLagBlocks())
        .isEqualTo(300);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "x", "1.5", "99999999999999999999"})
  void anythingButANonNegativeBlockCountIsRefused(String value) {
    assertThat(error("--rpc", "1=http://a", "--ready-lag-blocks", value).line())
        .startsWith("crosswatch: --ready-lag-blocks: expected a number of blocks (0 or more)");
  }
}
