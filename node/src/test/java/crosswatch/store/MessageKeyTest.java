package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageKeyTest {
  private static final String HASH = "0x" + "0123456789abcdef".repeat(4);

  @Test
  void theTextFormParsesBackToTheSameKey() {
    var key = new MessageKey(901, HASH, 7);
    assertThat(key.toString()).isEqualTo("901-" + HASH + "-7");
    assertThat(MessageKey.parse(key.toString())).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "0x0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", // uppercase
      "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", // 63 digits
      "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", // 65 digits
      "000123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", // no 0x
      "0X0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", // 0X
      "0x0123456789abcdeg0123456789abcdef0123456789abcdef0123456789abcdef", // g
      "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd/f", // just below '0'
      "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd:f", // just above '9'
      "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd`f", // just below 'a'
      ""})
  void aBlockHashThatIsNotLowercaseHexOf32BytesIsRefusedByName(String hash) {
    assertThatIllegalArgumentException().isThrownBy(() -> new MessageKey(901, hash, 0))
        .withMessageContaining("block hash must be 0x + 64 lowercase hex");
  }

  @Test
  void chainIdAndLogIndexAreChecked() {
    assertThatIllegalArgumentException().isThrownBy(() -> new MessageKey(0, HASH, 0))
        .withMessageContaining("chain id");
    assertThatIllegalArgumentException().isThrownBy(() -> new MessageKey(1, HASH, -1))
        .withMessageContaining("log index");
  }
}
