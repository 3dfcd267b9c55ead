package crosswatch.protocol;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators of protocol values within the widths strict decoding allows. */
final class Generators {

  private Generators() {}

  static Arbitrary<BigInteger> unsigned(int bits) {
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
  }

  /** Chain ids: mostly realistic uint64 ones, often enough one that needs the chain-id extension. */
  static Arbitrary<BigInteger> chainIds() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, unsigned(64)),
        Tuple.of(1, unsigned(256)));
  }

  static Arbitrary<String> hexBytes(int length) {
    return Arbitraries.bytes().array(byte[].class).ofSize(length).map(Abi::hex);
  }

  static Arbitrary<Identifier> strictIdentifiers() {
    return Combinators.combine(hexBytes(20), unsigned(64), unsigned(32), unsigned(64), chainIds())
        .as(Identifier::new);
  }

  static Arbitrary<ExecutingMessage> strictMessages() {
    return Combinators.combine(hexBytes(32), strictIdentifiers()).as(ExecutingMessage::new);
  }
}
