package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class BrokenTest {
  private static final InitiatingLog LOG = new InitiatingLog(901, 12, Hash.sha3String("block"), 3, 1_730_467_171L,
      "0x5fbdb2315678afecb367f032d93f642f64180aa3", List.of(Hash.sha3String("topic")), "0xc0ffee",
      Hash.sha3String("tx"));
  private static final ExecSpec VALID = ExecSpec.of(LOG);

  @Nested
  class Valid {
    @Test
    void pointsAtTheLogWithItsPayloadHash() {
      assertThat(VALID).isEqualTo(new ExecSpec(LOG.origin(), BigInteger.valueOf(12), BigInteger.valueOf(3),
          BigInteger.valueOf(1_730_467_171L), BigInteger.valueOf(901), LOG.msgHash()));
      assertThat(LOG.msgHash()).isEqualTo(Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(
          Hash.sha3String("topic") + "c0ffee"))));
    }
  }

  @Nested
  class BrokenByIdentifier {
    @Test
    void unknownChainChangesOnlyTheChainId() {
      assertThat(Broken.UNKNOWN_CHAIN.spec(LOG)).isEqualTo(VALID.withChainId(Broken.UNKNOWN_CHAIN_ID));
    }

    @Test
    void logMissingPointsPastAnyBlocksLogs() {
      assertThat(Broken.LOG_MISSING.spec(LOG)).isEqualTo(VALID.withLogIndex(BigInteger.valueOf(4_294_967_295L)));
    }

    @Test
    void originMismatchNamesAnotherAddress() {
      ExecSpec broken = Broken.ORIGIN_MISMATCH.spec(LOG);
      assertThat(broken.origin()).isNotEqualTo(LOG.origin()).hasSameSizeAs(LOG.origin());
      assertThat(broken.withOrigin(LOG.origin())).isEqualTo(VALID);
    }

    @Test
    void payloadMismatchNamesAnotherHash() {
      ExecSpec broken = Broken.PAYLOAD_MISMATCH.spec(LOG);
      assertThat(broken.msgHash()).isNotEqualTo(LOG.msgHash());
      assertThat(broken.withMsgHash(LOG.msgHash())).isEqualTo(VALID);
    }

    @Test
    void timestampMismatchClaimsAnEarlierTime() {
      assertThat(Broken.TIMESTAMP_MISMATCH.spec(LOG))
          .isEqualTo(VALID.withTimestamp(BigInteger.valueOf(1_730_467_170L)));
    }

    @ParameterizedTest
    @EnumSource(value = Broken.class, names = {"INITIATED_AFTER_EXECUTING", "EXPIRED", "INTEROP_INACTIVE"})
    void reasonsInTimeOrConfigurationKeepTheValidIdentifier(Broken broken) {
      assertThat(broken.spec(LOG)).isEqualTo(VALID);
      assertThat(broken.brokenByIdentifier()).isFalse();
    }

    @Test
    void everyReasonHasTheProtocolsWireName() {
      assertThat(Arrays.stream(Broken.values()).map(Broken::reason)).containsExactly("unknown-chain", "log-missing",
          "origin-mismatch", "payload-mismatch", "timestamp-mismatch", "initiated-after-executing", "expired",
          "interop-inactive");
    }
  }

  @Nested
  class MalformedLogs {
    @Test
    void topicCountVariantsKeepTheData() {
      assertThat(Malformed.MISSING_MSG_HASH_TOPIC.log(VALID).topics()).containsExactly(Inbox.EXECUTING_MESSAGE_TOPIC);
      assertThat(Malformed.EXTRA_TOPIC.log(VALID).topics()).hasSize(3);
      assertThat(Malformed.EXTRA_TOPIC.log(VALID).dataBytes()).isEqualTo(Calldata.encodedIdentifier(VALID));
    }

    @Test
    void lengthVariantsCutOrExtendTheData() {
      assertThat(Malformed.SHORT_DATA.log(VALID).dataBytes()).hasSize(128);
      assertThat(Malformed.LONG_DATA.log(VALID).dataBytes()).hasSize(192);
    }

    @ParameterizedTest
    @CsvSource({"DIRTY_ORIGIN_PADDING, 0, 12", "BLOCK_NUMBER_OVER_UINT64, 32, 56", "LOG_INDEX_OVER_UINT32, 64, 92",
        "TIMESTAMP_OVER_UINT64, 96, 120"})
    void paddingVariantsSetOneByteOfTheNamedWordsPadding(Malformed variant, int paddingFrom, int paddingTo) {
      byte[] wellFormed = Calldata.encodedIdentifier(VALID);
      RawLog malformed = variant.log(VALID);

      List<Integer> changed = IntStream.range(0, 160).filter(i -> wellFormed[i] != malformed.dataBytes()[i])
          .boxed().toList();
      assertThat(malformed.dataBytes()).hasSize(160);
      assertThat(changed).singleElement().satisfies(index -> assertThat(index).isBetween(paddingFrom, paddingTo - 1));
      assertThat(malformed.topics()).containsExactly(Inbox.EXECUTING_MESSAGE_TOPIC, VALID.msgHash());
    }
  }
}
