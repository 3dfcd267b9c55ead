package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class Hash32Test {
  @Property(tries = 300)
  void theTextFormReadsBackToItself(@ForAll @Chars({'a', 'b', 'c', 'd', 'e', 'f'}) @CharRange(from = '0', to = '9')
                                    @StringLength(64) String digits) {
    String text = "0x" + digits;
    assertThat(Hash32.parse(text, "hash")).hasToString(text);
  }

  @Property(tries = 300)
  void ordersAsItsTextDoes(@ForAll @Chars({'a', 'b', 'c', 'd', 'e', 'f'}) @CharRange(from = '0', to = '9')
                           @StringLength(64) String a,
                           @ForAll @Chars({'a', 'b', 'c', 'd', 'e', 'f'}) @CharRange(from = '0', to = '9')
                           @StringLength(64) String b) {
    int byText = Integer.signum(("0x" + a).compareTo("0x" + b));
    assertThat(Integer.signum(Hash32.parse("0x" + a, "a").compareTo(Hash32.parse("0x" + b, "b")))).isEqualTo(byText);
  }

  @Test
  void highBitsOrderAsUnsigned() {
    Hash32 low = Hash32.parse("0x7" + "f".repeat(63), "low");
    Hash32 high = Hash32.parse("0x8" + "0".repeat(63), "high");
    assertThat(low).isLessThan(high);
    assertThat(high).hasToString("0x8" + "0".repeat(63));
  }

  @Test
  void equalTextsAreEqualValues() {
    String text = "0x" + "0123456789abcdef".repeat(4);
    assertThat(Hash32.parse(text, "a")).isEqualTo(Hash32.parse(text, "b"))
        .hasSameHashCodeAs(Hash32.parse(text, "c"));
  }

  @Test
  void anythingElseIsRefusedNamingTheField() {
    assertThatIllegalArgumentException().isThrownBy(() -> Hash32.parse("0x" + "A".repeat(64), "txHash"))
        .withMessageStartingWith("txHash must be 0x + 64 lowercase hex");
    assertThatIllegalArgumentException().isThrownBy(() -> Hash32.parse(null, "txHash"));
    assertThat(Hash32.parseNullable(null, "msgHash")).isNull();
    assertThat(Hash32.text(null)).isNull();
  }
}
