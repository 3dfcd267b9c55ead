package crosswatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelpTextTest {

  private static String help(String... args) {
    ConfigResult result = ConfigLoader.load(List.of(args), Map.of());
    assertThat(result).isInstanceOf(ConfigResult.HelpRequested.class);
    return ((ConfigResult.HelpRequested) result).text();
  }

  @Test
  void helpListsEveryFlagWithItsDefaultAndEnvName() {
    String text = help("--help");

    for (Flag<?> flag : Flags.ALL) {
      assertThat(text).contains(flag.option()).contains(flag.help());
      if (flag.arity() != Flag.Arity.SWITCH) {
        assertThat(text).contains("default: " + flag.defaultLabel()).contains(flag.envName());
      }
    }
  }

  @Test
  void helpStatesTheExitCodes() {
    assertThat(help("-h")).contains("Exit status: 0").contains("1 when").contains("2 on bad");
  }

  @Test
  void helpWinsOverOtherwiseBadArguments() {
    assertThat(help("--rpc", "1=htp://x", "--bogus", "--help")).startsWith("Usage:");
  }

  @Test
  void everyEnvNameIsThePrefixedUpperCaseFlagName() {
    assertThat(Flags.DEPENDENCY_SET.envName()).isEqualTo("CROSSWATCH_DEPENDENCY_SET");
    assertThat(Flags.ALL).extracting(Flag::name).doesNotHaveDuplicates();
  }
}
