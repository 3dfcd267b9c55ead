package crosswatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HashesTest {

  @Property
  void thePayloadHashIsKeccakOfTheConcatenatedBytes(@ForAll @Size(max = 4) List<@Size(32) byte[]> topics,
                                                    @ForAll @Size(max = 300) byte[] data) {
    byte[][] parts = new byte[topics.size() + 1][];
    for (int i = 0; i < topics.size(); i++) {
      parts[i] = topics.get(i);
    }
    parts[topics.size()] = data;
    assertThat(Hashes.payloadHash(topics.stream().map(Abi::hex).toList(), Abi.hex(data)))
        .isEqualTo(Abi.keccak(parts));
  }

  @Property
  void theLogHashIsKeccakOfOriginThenMsgHash(@ForAll @Size(20) byte[] origin, @ForAll @Size(32) byte[] msgHash) {
    assertThat(Hashes.logHash(Abi.hex(origin), Abi.hex(msgHash))).isEqualTo(Abi.keccak(origin, msgHash));
  }

  @Nested
  class WorkedExample {
    @Test
    void theReferenceLogHashIsReproduced() {
      assertThat(Hashes.logHash(AccessListTest.EXAMPLE_ORIGIN, AccessListTest.EXAMPLE_MSG_HASH))
          .isEqualTo("0x23f2ee61b4ce30421cb54672ef1f589e6dfb35a3c193da9b80d4693e9d516c5b");
    }
  }

  @Nested
  class PayloadHash {
    @Test
    void anEmptyPayloadHashesToKeccakOfNothing() {
      // keccak256 of zero bytes, a published constant (e.g. the empty-code hash of Ethereum accounts).
      assertThat(Hashes.payloadHash(List.of(), "0x"))
          .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void topicsComeBeforeDataInTheirOrder() {
      String a = Fixture.word(1);
      String b = Fixture.word(2);
      assertThat(Hashes.payloadHash(List.of(a, b), "0x03"))
          .isEqualTo(Abi.keccak(Abi.bytes(a), Abi.bytes(b), new byte[] {3}))
          .isNotEqualTo(Hashes.payloadHash(List.of(b, a), "0x03"));
    }

    @Test
    void aLogHashesItsTopicsAndData() {
      LogEntry log = Fixture.log(Fixture.ORIGIN, 4, List.of(Fixture.word(0xaa)), "0xDEADbeef");
      assertThat(Hashes.payloadHash(log))
          .isEqualTo(Abi.keccak(Abi.bytes(Fixture.word(0xaa)), new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe,
              (byte) 0xef}));
    }

  }

  @Nested
  class LogHash {
    @Test
    void mixedCaseInputGivesLowercaseOutput() {
      String lower = Hashes.logHash(AccessListTest.EXAMPLE_ORIGIN, AccessListTest.EXAMPLE_MSG_HASH);
      String mixed = Hashes.logHash("0x5FbDB2315678afecb367f032d93F642f64180aa3",
          AccessListTest.EXAMPLE_MSG_HASH.toUpperCase().replace("0X", "0x"));
      assertThat(mixed).isEqualTo(lower).isEqualTo(lower.toLowerCase());
    }

    @Test
    void anOriginThatIsNotTwentyBytesIsRefused() {
      assertThatThrownBy(() -> Hashes.logHash("0x1234", AccessListTest.EXAMPLE_MSG_HASH))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
