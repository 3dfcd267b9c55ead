package crosswatch.store.proto;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.Checkpoint;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.RecordArbitraries;
import crosswatch.store.SafePoint;
import crosswatch.store.SafePoints;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreSchemaTest {
  private static final SerializationContext CONTEXT = context();

  private static SerializationContext context() {
    SerializationContext ctx = ProtobufUtil.newSerializationContext();
    new StoreSchemaImpl().register(ctx);
    return ctx;
  }

  private static Object roundTrip(Object value) throws IOException {
    return ProtobufUtil.fromWrappedByteArray(CONTEXT, ProtobufUtil.toWrappedByteArray(CONTEXT, value));
  }

  @Group
  class RoundTrips {
    @Property(tries = 300)
    void messageRecord(@ForAll("records") MessageRecord r) throws IOException {
      assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Property(tries = 200)
    void messageRecordOfSeveralSites(@ForAll("multiSiteRecords") MessageRecord r) throws IOException {
      assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Property(tries = 100)
    void messageKey(@ForAll("keys") MessageKey k) throws IOException {
      assertThat(roundTrip(k)).isEqualTo(k);
    }

    @Property(tries = 200)
    void identifier(@ForAll("identifiers") Identifier id) throws IOException {
      assertThat(roundTrip(id)).isEqualTo(id);
    }

    @Property(tries = 200)
    void historyEntryAtAnyInstant(@ForAll Status status, @ForAll Reason reason, @ForAll("anyInstant") Instant at)
        throws IOException {
      var entry = new HistoryEntry(status, status == Status.INVALID ? reason : null, at);
      assertThat(roundTrip(entry)).isEqualTo(entry);
    }

    @Property(tries = 100)
    void stamp(@ForAll long hlc, @ForAll("writers") String writer) throws IOException {
      var stamp = new Stamp(hlc, writer);
      assertThat(roundTrip(stamp)).isEqualTo(stamp);
    }

    @Property(tries = 100)
    void checkpoint(@ForAll("checkpoints") Checkpoint c) throws IOException {
      assertThat(roundTrip(c)).isEqualTo(c);
    }

    @Property(tries = 100)
    void safePoints(@ForAll("safePoints") SafePoints points) throws IOException {
      assertThat(roundTrip(points)).isEqualTo(points);
    }

    @Property(tries = 20)
    void status(@ForAll Status status) throws IOException {
      assertThat(roundTrip(status)).isEqualTo(status);
    }

    @Property(tries = 20)
    void reason(@ForAll Reason reason) throws IOException {
      assertThat(roundTrip(reason)).isEqualTo(reason);
    }

    @Provide
    Arbitrary<MessageRecord> records() {
      return RecordArbitraries.records();
    }

    @Provide
    Arbitrary<MessageRecord> multiSiteRecords() {
      return RecordArbitraries.facts().flatMap(RecordArbitraries::multiSiteVersionOf);
    }

    @Provide
    Arbitrary<MessageKey> keys() {
      return RecordArbitraries.keys();
    }

    @Provide
    Arbitrary<Identifier> identifiers() {
      return RecordArbitraries.identifiers();
    }

    @Provide
    Arbitrary<Instant> anyInstant() {
      return Combinators.combine(Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
          Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<String> writers() {
      return Arbitraries.strings().ofMinLength(1).ofMaxLength(30);
    }

    /** Any number of chains, none included: a replica that knows nothing publishes an empty list. */
    @Provide
    Arbitrary<SafePoints> safePoints() {
      Arbitrary<List<SafePoint>> points = Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE),
              Arbitraries.longs().between(0, Long.MAX_VALUE)).as(SafePoint::new)
          .list().ofMaxSize(5).uniqueElements(SafePoint::chainId);
      return Combinators.combine(writers(), Arbitraries.strings().alpha().numeric().ofLength(36), points)
          .as(SafePoints::new);
    }

    @Provide
    Arbitrary<Checkpoint> checkpoints() {
      return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE),
          Arbitraries.longs().between(0, Long.MAX_VALUE), RecordArbitraries.hashes()).as(Checkpoint::new);
    }
  }

  @Test
  void identifiersReadOffTheWireShareTheNumbersTheyHaveInCommon() throws IOException {
    BigInteger block = BigInteger.valueOf(21_000_000);
    BigInteger time = BigInteger.valueOf(1_767_225_600L);
    String origin = "0x4200000000000000000000000000000000000023";
    var first = (Identifier) roundTrip(new Identifier(origin, block, BigInteger.valueOf(3), time, BigInteger.TEN));
    var second = (Identifier) roundTrip(new Identifier(origin, block, BigInteger.valueOf(3), time, BigInteger.TEN));

    assertThat(second).isEqualTo(first);
    assertThat(second.blockNumber()).isSameAs(first.blockNumber());
    assertThat(second.timestamp()).isSameAs(first.timestamp());
    assertThat(second.logIndex()).isSameAs(first.logIndex());
    assertThat(second.chainId()).isSameAs(first.chainId());
    assertThat(second.origin()).isSameAs(first.origin());
  }

  /** Stored data and replicas of other versions read fields by number: a renumbered field fails here first. */
  @Nested
  class FieldNumbers {
    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource({
        "MessageKey, executingChainId, 1", "MessageKey, executingBlockHash, 2", "MessageKey, executingLogIndex, 3",
        "Identifier, origin, 1", "Identifier, blockNumber, 2", "Identifier, logIndex, 3", "Identifier, timestamp, 4",
        "Identifier, chainId, 5",
        "HistoryEntry, status, 1", "HistoryEntry, reason, 2", "HistoryEntry, at, 3",
        "Stamp, hlc, 1", "Stamp, writer, 2",
        "Timestamp, seconds, 1", "Timestamp, nanos, 2",
        "Checkpoint, chainId, 1", "Checkpoint, blockNumber, 2", "Checkpoint, blockHash, 3",
        "SafePoint, chainId, 1", "SafePoint, fromBlock, 2",
        "SafePoints, node, 1", "SafePoints, incarnation, 2", "SafePoints, points, 3",
        "MessageRecord, key, 1", "MessageRecord, executingBlockNumber, 2", "MessageRecord, executingTxHash, 3",
        "MessageRecord, executingTimestamp, 4", "MessageRecord, msgHash, 5", "MessageRecord, identifier, 6",
        "MessageRecord, status, 7", "MessageRecord, reason, 8", "MessageRecord, history, 9",
        "MessageRecord, firstSeenAt, 10", "MessageRecord, lastCheckedAt, 11", "MessageRecord, stamp, 12",
        "MergeIntoEntry, returnMerged, 1",
    })
    void fieldKeepsItsNumber(String message, String field, int number) {
      var descriptor = CONTEXT.getMessageDescriptor("crosswatch.store." + message);
      assertThat(descriptor.findFieldByName(field).getNumber()).isEqualTo(number);
    }

    @ParameterizedTest(name = "Status.{0} = {1}")
    @CsvSource({"PENDING, 1", "VALID, 2", "INVALID, 3", "REORGED, 4"})
    void statusKeepsItsNumber(String name, int number) {
      assertThat(CONTEXT.getEnumDescriptor("crosswatch.store.Status").findValueByName(name).getNumber())
          .isEqualTo(number);
    }

    @ParameterizedTest(name = "Reason.{0} = {1}")
    @CsvSource({"UNKNOWN_CHAIN, 1", "LOG_MISSING, 2", "ORIGIN_MISMATCH, 3", "PAYLOAD_MISMATCH, 4",
        "TIMESTAMP_MISMATCH, 5", "INITIATED_AFTER_EXECUTING, 6", "EXPIRED, 7", "INTEROP_INACTIVE, 8",
        "MALFORMED_EVENT, 9"})
    void reasonKeepsItsNumber(String name, int number) {
      assertThat(CONTEXT.getEnumDescriptor("crosswatch.store.Reason").findValueByName(name).getNumber())
          .isEqualTo(number);
    }
  }
}
