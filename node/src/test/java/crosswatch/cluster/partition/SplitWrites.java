package crosswatch.cluster.partition;

import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.Merge;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.web3j.utils.Numeric;

/**
 * What the two sides of a partition write. Messages 0-59 exist before the split; the majority judges 0-39 valid,
 * the minority judges 20-59 invalid, so 20-39 conflict, with minority stamps later on odd messages and earlier on
 * even ones. Each side also sees ten messages the other never hears of (100-109 and 200-209).
 */
final class SplitWrites {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final List<Integer> CONFLICTING = IntStream.range(20, 40).boxed().toList();

  private SplitWrites() {}

  static List<MessageRecord> beforeSplit() {
    return IntStream.range(0, 60).mapToObj(SplitWrites::record).toList();
  }

  static void writeOnMajority(MessageStore store, String writer) {
    IntStream.range(0, 40).forEach(n -> store.merge(judge(record(n), Status.VALID, null, writer, 10)));
    store.mergeAll(IntStream.range(100, 110).mapToObj(SplitWrites::record).toList());
  }

  static void writeOnMinority(MessageStore store, String writer) {
    IntStream.range(20, 60).forEach(n -> store.merge(
        judge(record(n), Status.INVALID, Reason.PAYLOAD_MISMATCH, writer, n % 2 == 0 ? 5 : 15)));
    store.mergeAll(IntStream.range(200, 210).mapToObj(SplitWrites::record).toList());
  }

  /** Every key either side may hold. */
  static List<MessageKey> keys() {
    return Stream.of(IntStream.range(0, 60), IntStream.range(100, 110), IntStream.range(200, 210))
        .flatMapToInt(s -> s).mapToObj(n -> key(n)).toList();
  }

  /** What a store holds for each key (absent keys are left out). */
  static Map<MessageKey, MessageRecord> snapshot(MessageStore store) {
    var held = new LinkedHashMap<MessageKey, MessageRecord>();
    keys().forEach(k -> store.find(k).ifPresent(r -> held.put(k, r)));
    return held;
  }

  /** The merge of both sides' versions, key by key. */
  static Map<MessageKey, MessageRecord> merged(Map<MessageKey, MessageRecord> a, Map<MessageKey, MessageRecord> b) {
    var result = new LinkedHashMap<MessageKey, MessageRecord>();
    keys().forEach(k -> {
      MessageRecord m = Merge.merge(a.get(k), b.get(k));
      if (m != null) {
        result.put(k, m);
      }
    });
    return result;
  }

  static MessageKey key(int n) {
    return new MessageKey(901, Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(n), 64), n % 4);
  }

  private static MessageRecord judge(MessageRecord r, Status status, Reason reason, String writer, long hlc) {
    return r.withStatus(status, reason, T0.plusSeconds(hlc), new Stamp(hlc, writer));
  }

  private static MessageRecord record(int n) {
    var identifier = new Identifier("0x" + "1".repeat(40), BigInteger.valueOf(n), BigInteger.ONE,
        BigInteger.valueOf(1_000 + n), BigInteger.valueOf(902));
    return new MessageRecord(key(n), 500 + n, "0x" + "f".repeat(64), 2_000 + n, "0x" + "c".repeat(64), identifier,
        Status.PENDING, null, List.of(new HistoryEntry(Status.PENDING, null, T0)), T0, T0, new Stamp(1, "node-a"));
  }
}
