package crosswatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.ByteRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class ExecutingMessageDecoderTest {

  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
  private static final ExecutingMessage EXAMPLE = AccessListTest.EXAMPLE;
  private static final List<String> TOPICS = Abi.executingTopics(EXAMPLE.msgHash());
  private static final String DATA = Abi.identifierData(EXAMPLE.identifier());

  @Provide
  Arbitrary<ExecutingMessage> messages() {
    return Generators.strictMessages();
  }

  @Property
  void anAbiEncodedIdentifierDecodesToItself(@ForAll("messages") ExecutingMessage message) {
    List<String> topics = Abi.executingTopics(message.msgHash());
    String data = Abi.identifierData(message.identifier());
    assertThat(ExecutingMessageDecoder.decode(topics, data)).isEqualTo(new Decoded.Ok(message));
    assertThat(ExecutingMessageDecoder.decode(topics.stream().map(ExecutingMessageDecoderTest::upper).toList(),
        upper(data))).isEqualTo(new Decoded.Ok(message));
  }

  @Property
  void aNonZeroPaddingByteIsReportedForItsField(@ForAll("messages") ExecutingMessage message,
                                                @ForAll @IntRange(max = 3) int field,
                                                @ForAll @IntRange(max = 23) int offset,
                                                @ForAll @ByteRange(min = 1) byte value) {
    int[] paddingBytes = {12, 24, 28, 24};
    String[] details = {"identifier.origin has non-zero padding", "identifier.blockNumber does not fit uint64",
        "identifier.logIndex does not fit uint32", "identifier.timestamp does not fit uint64"};
    int wordStart = 32 * field;
    byte[] data = Abi.bytes(Abi.identifierData(message.identifier()));
    data[wordStart + offset % paddingBytes[field]] = value;
    Decoded decoded = ExecutingMessageDecoder.decode(Abi.executingTopics(message.msgHash()), Abi.hex(data));
    assertThat(decoded).isInstanceOfSatisfying(Decoded.Malformed.class, malformed -> {
      assertThat(malformed.detail()).isEqualTo(details[field]);
      assertThat(malformed.msgHash()).isEqualTo(message.msgHash());
      assertThat(malformed.bestEffort()).isNotNull();
    });
  }

  @Property
  void anyInputIsDecodedWithoutThrowing(@ForAll @Size(max = 3) List<String> topics, @ForAll String data) {
    assertThat(ExecutingMessageDecoder.decode(topics, data)).isInstanceOf(Decoded.Malformed.class);
  }

  private static String upper(String hex) {
    return "0x" + hex.substring(2).toUpperCase();
  }

  private static Decoded.Malformed malformed(List<String> topics, String data) {
    Decoded decoded = ExecutingMessageDecoder.decode(topics, data);
    assertThat(decoded).isInstanceOf(Decoded.Malformed.class);
    return (Decoded.Malformed) decoded;
  }

  private static String dataWith(BigInteger blockNumber, BigInteger logIndex, BigInteger timestamp) {
    Identifier id = EXAMPLE.identifier();
    return Abi.identifierData(new Identifier(id.origin(), blockNumber, logIndex, timestamp, id.chainId()));
  }

  @Nested
  class Accepts {
    @Test
    void theTopicConstantIsTheHashOfTheEventSignature() {
      assertThat(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC).isEqualTo(Hash.sha3String(Abi.EVENT_SIGNATURE));
    }

    @Test
    void theWorkedExampleDecodes() {
      assertThat(ExecutingMessageDecoder.decode(TOPICS, DATA)).isEqualTo(new Decoded.Ok(EXAMPLE));
    }

    @Test
    void theWidestValuesEachFieldAllowsDecode() {
      BigInteger maxUint64 = TWO_TO_64.subtract(BigInteger.ONE);
      BigInteger maxUint32 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
      BigInteger maxUint256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
      Identifier widest = new Identifier("0xffffffffffffffffffffffffffffffffffffffff", maxUint64, maxUint32, maxUint64,
          maxUint256);
      assertThat(ExecutingMessageDecoder.decode(TOPICS, Abi.identifierData(widest)))
          .isEqualTo(new Decoded.Ok(new ExecutingMessage(EXAMPLE.msgHash(), widest)));
    }

    @Test
    void mixedCaseInputComesOutLowercase() {
      List<String> topics = List.of(upper(TOPICS.get(0)), upper(TOPICS.get(1)));
      Decoded decoded = ExecutingMessageDecoder.decode(topics, upper(DATA));
      assertThat(decoded).isEqualTo(new Decoded.Ok(EXAMPLE));
    }
  }

  @Nested
  class TopicCount {
    @Test
    void oneTopicIsMalformedWithoutAMsgHash() {
      Decoded.Malformed m = malformed(List.of(TOPICS.get(0)), DATA);
      assertThat(m.detail()).isEqualTo("expected 2 topics, got 1");
      assertThat(m.msgHash()).isNull();
      assertThat(m.bestEffort()).isEqualTo(EXAMPLE.identifier());
    }

    @Test
    void noTopicsAreMalformed() {
      assertThat(malformed(List.of(), DATA).detail()).isEqualTo("expected 2 topics, got 0");
      assertThat(malformed(null, DATA).detail()).isEqualTo("expected 2 topics, got 0");
    }

    @Test
    void threeTopicsAreMalformedButKeepTheMsgHash() {
      List<String> three = new ArrayList<>(TOPICS);
      three.add(Fixture.word(3));
      Decoded.Malformed m = malformed(three, DATA);
      assertThat(m.detail()).isEqualTo("expected 2 topics, got 3");
      assertThat(m.msgHash()).isEqualTo(EXAMPLE.msgHash());
      assertThat(m.bestEffort()).isEqualTo(EXAMPLE.identifier());
    }
  }

  @Nested
  class Topics {
    @Test
    void anotherEventSignatureIsMalformed() {
      Decoded.Malformed m = malformed(List.of(Fixture.word(9), TOPICS.get(1)), DATA);
      assertThat(m.detail()).isEqualTo("topic0 " + Fixture.word(9) + " is not the ExecutingMessage event signature");
      assertThat(m.msgHash()).isEqualTo(EXAMPLE.msgHash());
    }

    @Test
    void aShortTopic0IsMalformed() {
      assertThat(malformed(List.of("0x5c37", TOPICS.get(1)), DATA).detail())
          .isEqualTo("topic0 is not 32 bytes of 0x-prefixed hex");
    }

    @Test
    void aShortMsgHashIsMalformedAndNotReported() {
      Decoded.Malformed m = malformed(List.of(TOPICS.get(0), EXAMPLE.msgHash().substring(0, 64)), DATA);
      assertThat(m.detail()).isEqualTo("topic1 (msgHash) is not 32 bytes of 0x-prefixed hex");
      assertThat(m.msgHash()).isNull();
    }
  }

  @Nested
  class DataLength {
    @Test
    void fourWordsAreMalformedWithoutABestEffortIdentifier() {
      Decoded.Malformed m = malformed(TOPICS, DATA.substring(0, 2 + 2 * 128));
      assertThat(m.detail()).isEqualTo("data is 128 bytes, expected 160");
      assertThat(m.bestEffort()).isNull();
      assertThat(m.msgHash()).isEqualTo(EXAMPLE.msgHash());
    }

    @Test
    void sixWordsAreMalformed() {
      assertThat(malformed(TOPICS, DATA + "00".repeat(32)).detail()).isEqualTo("data is 192 bytes, expected 160");
    }

    @Test
    void emptyDataIsMalformed() {
      assertThat(malformed(TOPICS, "0x").detail()).isEqualTo("data is 0 bytes, expected 160");
    }
  }

  @Nested
  class Padding {
    @Test
    void anOriginWordWithPaddingIsMalformedAndReadFromItsLowTwentyBytes() {
      byte[] data = Abi.bytes(DATA);
      data[0] = 1;
      Decoded.Malformed m = malformed(TOPICS, Abi.hex(data));
      assertThat(m.detail()).isEqualTo("identifier.origin has non-zero padding");
      assertThat(m.bestEffort()).isEqualTo(EXAMPLE.identifier());
    }

    @Test
    void aBlockNumberBeyondUint64IsMalformedAndKeptWhole() {
      Identifier id = EXAMPLE.identifier();
      Decoded.Malformed m = malformed(TOPICS, dataWith(TWO_TO_64, id.logIndex(), id.timestamp()));
      assertThat(m.detail()).isEqualTo("identifier.blockNumber does not fit uint64");
      assertThat(m.bestEffort().blockNumber()).isEqualTo(TWO_TO_64);
    }

    @Test
    void aLogIndexBeyondUint32IsMalformed() {
      Identifier id = EXAMPLE.identifier();
      Decoded.Malformed m = malformed(TOPICS, dataWith(id.blockNumber(), BigInteger.ONE.shiftLeft(32), id.timestamp()));
      assertThat(m.detail()).isEqualTo("identifier.logIndex does not fit uint32");
      assertThat(m.bestEffort().logIndex()).isEqualTo(BigInteger.ONE.shiftLeft(32));
    }

    @Test
    void aTimestampBeyondUint64IsMalformed() {
      Identifier id = EXAMPLE.identifier();
      Decoded.Malformed m = malformed(TOPICS, dataWith(id.blockNumber(), id.logIndex(), TWO_TO_64));
      assertThat(m.detail()).isEqualTo("identifier.timestamp does not fit uint64");
      assertThat(m.bestEffort().timestamp()).isEqualTo(TWO_TO_64);
    }
  }

  @Nested
  class MalformedHex {
    private static final String DATA_HEX = "data is not 0x-prefixed even-length hex";

    @Test
    void aNonHexCharacterIsMalformed() {
      assertThat(malformed(TOPICS, DATA.substring(0, DATA.length() - 1) + "g").detail()).isEqualTo(DATA_HEX);
    }

    @Test
    void aDigitOfAnotherScriptIsMalformed() {
      // Character.digit accepts U+0663 (ARABIC-INDIC DIGIT THREE); the wire format does not.
      assertThat(malformed(TOPICS, DATA.substring(0, DATA.length() - 1) + "\u0663").detail()).isEqualTo(DATA_HEX);
    }

    @Test
    void anOddLengthIsMalformed() {
      assertThat(malformed(TOPICS, DATA.substring(0, DATA.length() - 1)).detail()).isEqualTo(DATA_HEX);
    }

    @Test
    void aMissingPrefixIsMalformed() {
      assertThat(malformed(TOPICS, DATA.substring(2)).detail()).isEqualTo(DATA_HEX);
      assertThat(malformed(TOPICS, null).detail()).isEqualTo(DATA_HEX);
    }

    @Test
    void aNonHexTopicIsMalformed() {
      String bad = TOPICS.get(0).replace('c', 'z');
      assertThat(malformed(Arrays.asList(bad, TOPICS.get(1)), DATA).detail())
          .isEqualTo("topic0 is not 32 bytes of 0x-prefixed hex");
      assertThat(malformed(Arrays.asList(TOPICS.get(0), null), DATA).msgHash()).isNull();
    }
  }
}
