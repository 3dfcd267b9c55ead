package crosswatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.AccessListEntry.ChainIdExtension;
import crosswatch.protocol.AccessListEntry.Checksum;
import crosswatch.protocol.AccessListEntry.Lookup;
import crosswatch.protocol.AccessListEntry.Unrecognized;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

class AccessListTest {

  static final String EXAMPLE_ORIGIN = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  static final String EXAMPLE_MSG_HASH = "0xc3f57e1f0dd62a4f77787d834029bfeaab8894022c47edbe13b044fb658c9190";
  static final ExecutingMessage EXAMPLE = new ExecutingMessage(EXAMPLE_MSG_HASH, new Identifier(EXAMPLE_ORIGIN,
      BigInteger.valueOf(4509), BigInteger.ZERO, BigInteger.valueOf(1_730_467_171), BigInteger.valueOf(900_200)));
  static final String EXAMPLE_LOOKUP = "0x0100000000000000000dbc68000000000000119d000000006724d56300000000";
  static final String EXAMPLE_CHECKSUM = "0x0307d89c993b125400cb5868be4cbbafa6a6b1d9b8a6d530d49e8c4a30fb2aa1";

  private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

  @Provide
  Arbitrary<ExecutingMessage> messages() {
    return Generators.strictMessages();
  }

  @Property
  void storageKeysMatchAComputationFromTheFormulas(@ForAll("messages") ExecutingMessage message) {
    assertThat(AccessList.storageKeys(message)).isEqualTo(expectedKeys(message));
  }

  @Property
  void everyEntryParsesBackToItself(@ForAll("messages") ExecutingMessage message) {
    for (AccessListEntry entry : AccessList.entries(message)) {
      assertThat(AccessListEntry.parse(entry.storageKey())).isEqualTo(entry);
      assertThat(AccessListEntry.parse(entry.storageKey().toUpperCase().replace("0X", "0x"))).isEqualTo(entry);
    }
  }

  @Property
  void aMessageIsConfirmedByItsKeysInAnyOrderAndWithDuplicates(@ForAll("messages") ExecutingMessage message,
                                                                @ForAll long seed) {
    List<String> keys = new ArrayList<>(AccessList.storageKeys(message));
    keys.addAll(AccessList.storageKeys(message));
    keys.add(Fixture.word(0xff));
    Collections.shuffle(keys, new Random(seed));
    assertThat(AccessList.confirm(keys, message)).isEqualTo(AccessListCheck.OK);
  }

  /** The keys as the reference describes them, built byte by byte with web3j's keccak. */
  static List<String> expectedKeys(ExecutingMessage m) {
    Identifier id = m.identifier();
    byte[] lookup = ByteBuffer.allocate(32).put((byte) 1).position(4).putLong(id.chainId().longValue())
        .putLong(id.blockNumber().longValue()).putLong(id.timestamp().longValue()).putInt(id.logIndex().intValue())
        .array();
    byte[] chainIdWord = Numeric.toBytesPadded(id.chainId(), 32);
    byte[] extension = ByteBuffer.allocate(32).put((byte) 2).position(8).put(chainIdWord, 0, 24).array();
    byte[] idPacked = ByteBuffer.allocate(32).position(12).putLong(id.blockNumber().longValue())
        .putLong(id.timestamp().longValue()).putInt(id.logIndex().intValue()).array();
    byte[] logHash = Abi.bytes(Abi.keccak(Abi.bytes(id.origin()), Abi.bytes(m.msgHash())));
    byte[] idLogHash = Abi.bytes(Abi.keccak(logHash, idPacked));
    byte[] checksum = Abi.bytes(Abi.keccak(idLogHash, chainIdWord));
    checksum[0] = 3;
    Stream<byte[]> keys = id.chainId().compareTo(TWO_TO_64) < 0
        ? Stream.of(lookup, checksum)
        : Stream.of(lookup, extension, checksum);
    return keys.map(Abi::hex).toList();
  }

  private static ExecutingMessage onChain(BigInteger chainId, String msgHash) {
    Identifier id = EXAMPLE.identifier();
    return new ExecutingMessage(msgHash,
        new Identifier(id.origin(), id.blockNumber(), id.logIndex(), id.timestamp(), chainId));
  }

  @Nested
  class WorkedExample {
    @Test
    void theReferenceLookupAndChecksumAreReproduced() {
      assertThat(AccessList.storageKeys(EXAMPLE)).containsExactly(EXAMPLE_LOOKUP, EXAMPLE_CHECKSUM);
    }

    @Test
    void theReferenceKeysAgreeWithTheFormulasComputedHere() {
      assertThat(expectedKeys(EXAMPLE)).containsExactly(EXAMPLE_LOOKUP, EXAMPLE_CHECKSUM);
    }

    @Test
    void theLookupHoldsTheIdentifiersNumbers() {
      assertThat(AccessListEntry.parse(EXAMPLE_LOOKUP)).isEqualTo(new Lookup(BigInteger.valueOf(900_200),
          BigInteger.valueOf(4509), BigInteger.valueOf(1_730_467_171), BigInteger.ZERO));
    }
  }

  @Nested
  class ChainIdExtensionEntry {
    @Test
    void theLargestUint64ChainIdNeedsNoExtension() {
      assertThat(AccessList.entries(onChain(TWO_TO_64.subtract(BigInteger.ONE), EXAMPLE_MSG_HASH)))
          .hasSize(2).noneMatch(e -> e instanceof ChainIdExtension);
    }

    @Test
    void aChainIdBeyondUint64CarriesItsUpperBitsBetweenLookupAndChecksum() {
      BigInteger chainId = TWO_TO_64.multiply(BigInteger.valueOf(5)).add(BigInteger.valueOf(7));
      List<AccessListEntry> entries = AccessList.entries(onChain(chainId, EXAMPLE_MSG_HASH));
      assertThat(entries).hasSize(3);
      assertThat(entries.get(0)).isEqualTo(Lookup.of(onChain(BigInteger.valueOf(7), EXAMPLE_MSG_HASH).identifier()));
      assertThat(entries.get(1).storageKey()).isEqualTo("0x02" + "00".repeat(30) + "05");
      assertThat(entries.get(2)).isInstanceOf(Checksum.class);
    }

    @Test
    void withoutTheExtensionABigChainIdIsAMismatch() {
      ExecutingMessage big = onChain(TWO_TO_64.add(BigInteger.ONE), EXAMPLE_MSG_HASH);
      List<String> keys = AccessList.storageKeys(big);
      assertThat(AccessList.confirm(List.of(keys.get(0), keys.get(2)), big)).isEqualTo(AccessListCheck.MISMATCH);
      assertThat(AccessList.confirm(keys, big)).isEqualTo(AccessListCheck.OK);
    }
  }

  @Nested
  class Parsing {
    @Test
    void eachTypeByteGivesItsEntry() {
      assertThat(AccessListEntry.parse(EXAMPLE_LOOKUP)).isInstanceOf(Lookup.class);
      assertThat(AccessListEntry.parse("0x02" + "00".repeat(30) + "01"))
          .isEqualTo(new ChainIdExtension(BigInteger.ONE));
      assertThat(AccessListEntry.parse(EXAMPLE_CHECKSUM)).isEqualTo(new Checksum(EXAMPLE_CHECKSUM));
    }

    @Test
    void anUnknownTypeByteIsUnrecognized() {
      assertThat(unrecognized("0x04" + "00".repeat(31))).isEqualTo("unknown type byte 0x04");
      assertThat(unrecognized("0x00" + "00".repeat(31))).isEqualTo("unknown type byte 0x00");
    }

    @Test
    void aLookupWithPaddingIsUnrecognized() {
      String padded = "0x0100" + "01" + EXAMPLE_LOOKUP.substring(8);
      assertThat(unrecognized(padded)).isEqualTo("lookup entry has non-zero padding");
    }

    @Test
    void anExtensionWithPaddingIsUnrecognized() {
      assertThat(unrecognized("0x02" + "00".repeat(6) + "01" + "00".repeat(24)))
          .isEqualTo("chain-id extension entry has non-zero padding");
    }

    @Test
    void anythingButThirtyTwoBytesOfHexIsUnrecognized() {
      assertThat(unrecognized(EXAMPLE_LOOKUP + "00")).isEqualTo("not 32 bytes of 0x-prefixed hex");
      assertThat(unrecognized(EXAMPLE_LOOKUP.substring(2))).isEqualTo("not 32 bytes of 0x-prefixed hex");
      assertThat(unrecognized(EXAMPLE_LOOKUP.replace('d', 'g'))).isEqualTo("not 32 bytes of 0x-prefixed hex");
      assertThat(unrecognized(null)).isEqualTo("not 32 bytes of 0x-prefixed hex");
    }

    private String unrecognized(String key) {
      AccessListEntry entry = AccessListEntry.parse(key);
      assertThat(entry).isInstanceOf(Unrecognized.class);
      return ((Unrecognized) entry).detail();
    }
  }

  @Nested
  class Confirm {
    private final ExecutingMessage other = onChain(EXAMPLE.identifier().chainId(), Fixture.word(1));

    @Test
    void theMessagesOwnKeysAreOk() {
      assertThat(AccessList.confirm(List.of(EXAMPLE_LOOKUP, EXAMPLE_CHECKSUM), EXAMPLE)).isEqualTo(AccessListCheck.OK);
    }

    @Test
    void noLookupForTheIdentifierIsMissing() {
      assertThat(AccessList.confirm(List.of(), EXAMPLE)).isEqualTo(AccessListCheck.MISSING);
      assertThat(AccessList.confirm(List.of(EXAMPLE_CHECKSUM), EXAMPLE)).isEqualTo(AccessListCheck.MISSING);
      ExecutingMessage elsewhere = onChain(BigInteger.TEN, EXAMPLE_MSG_HASH);
      assertThat(AccessList.confirm(AccessList.storageKeys(elsewhere), EXAMPLE)).isEqualTo(AccessListCheck.MISSING);
    }

    @Test
    void aLookupWithoutItsChecksumIsAMismatch() {
      assertThat(AccessList.confirm(List.of(EXAMPLE_LOOKUP), EXAMPLE)).isEqualTo(AccessListCheck.MISMATCH);
    }

    @Test
    void aLookupWithTheChecksumOfAnotherPayloadIsAMismatch() {
      assertThat(AccessList.confirm(AccessList.storageKeys(other), EXAMPLE)).isEqualTo(AccessListCheck.MISMATCH);
    }

    @Test
    void twoMessagesSharingAnIdentifierAreBothConfirmedFromADeduplicatedList() {
      List<String> deduplicated = Stream.concat(AccessList.storageKeys(EXAMPLE).stream(),
          AccessList.storageKeys(other).stream()).distinct().toList();
      assertThat(deduplicated).hasSize(3);
      assertThat(AccessList.confirm(deduplicated, EXAMPLE)).isEqualTo(AccessListCheck.OK);
      assertThat(AccessList.confirm(deduplicated, other)).isEqualTo(AccessListCheck.OK);
    }

    @Test
    void keysInAnyCaseAreRead() {
      List<String> upper = Arrays.asList(EXAMPLE_LOOKUP.toUpperCase().replace("0X", "0x"),
          EXAMPLE_CHECKSUM.toUpperCase().replace("0X", "0x"));
      assertThat(AccessList.confirm(upper, EXAMPLE)).isEqualTo(AccessListCheck.OK);
    }

    @Test
    void anIdentifierBeyondTheLookupsWidthsIsMissing() {
      Identifier id = EXAMPLE.identifier();
      ExecutingMessage huge = new ExecutingMessage(EXAMPLE_MSG_HASH,
          new Identifier(id.origin(), TWO_TO_64, id.logIndex(), id.timestamp(), id.chainId()));
      assertThat(AccessList.confirm(List.of(EXAMPLE_LOOKUP, EXAMPLE_CHECKSUM), huge))
          .isEqualTo(AccessListCheck.MISSING);
    }

    @Test
    void everyOutcomeHasItsWireName() {
      assertThat(Arrays.stream(AccessListCheck.values()).map(AccessListCheck::wireName))
          .containsExactly("ok", "missing", "mismatch", "unchecked");
    }
  }
}
