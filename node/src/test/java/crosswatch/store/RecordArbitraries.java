package crosswatch.store;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of message records for property tests. Versions of one message share its immutable facts and vary
 * everything a writer may change, drawing times and stamps from small pools so that equal stamps, duplicate
 * history entries and writers whose clocks disagree with each other are common, not rare.
 */
public final class RecordArbitraries {
  private static final long BASE_SECOND = 1_700_000_000L;

  private RecordArbitraries() {}

  /** The immutable part of a record: everything {@link Merge} requires versions to agree on. */
  public record Facts(MessageKey key, long executingBlockNumber, String executingTxHash, long executingTimestamp,
               String msgHash, Identifier identifier) {}

  public static Arbitrary<String> hashes() {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "0x" + h);
  }

  public static Arbitrary<MessageKey> keys() {
    return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE), hashes(),
        Arbitraries.longs().between(0, 5000)).as(MessageKey::new);
  }

  /** uint256-sized values, and small ones, and the edges in between. */
  public static Arbitrary<BigInteger> uints() {
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(256).subtract(BigInteger.ONE)),
        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1000)),
        // The edges of one and two bytes, and of the decoder's table of small numbers (below 1024).
        Arbitraries.of(0L, 127L, 128L, 255L, 256L, 1023L, 1024L, 32_767L, 32_768L, 65_535L, 65_536L)
            .map(BigInteger::valueOf),
        Arbitraries.of(BigInteger.TWO.pow(63), BigInteger.TWO.pow(64).subtract(BigInteger.ONE)));
  }

  public static Arbitrary<Identifier> identifiers() {
    Arbitrary<String> origins = Arbitraries.strings().withChars("0123456789abcdef").ofLength(40).map(a -> "0x" + a);
    return Combinators.combine(origins, uints(), uints(), uints(), uints()).as(Identifier::new);
  }

  public static Arbitrary<Facts> facts() {
    return Combinators.combine(keys(), Arbitraries.longs().between(0, 1L << 40), hashes(),
            Arbitraries.longs().between(0, 1L << 40), hashes().injectNull(0.2), identifiers().injectNull(0.2))
        .as(Facts::new);
  }

  public static Arbitrary<Instant> instants() {
    return Combinators.combine(Arbitraries.longs().between(0, 60), Arbitraries.of(0, 1, 999_999_999))
        .as((s, n) -> Instant.ofEpochSecond(BASE_SECOND + s, n));
  }

  public static Arbitrary<Status> statuses() {
    return Arbitraries.of(Status.class);
  }

  /** A reason exactly when the status needs one. */
  public static Arbitrary<Reason> reasonFor(Status status) {
    return status == Status.INVALID ? Arbitraries.of(Reason.class) : Arbitraries.just(null);
  }

  public static Arbitrary<HistoryEntry> historyEntries() {
    return statuses().flatMap(s -> Combinators.combine(reasonFor(s), instants())
        .as((r, at) -> new HistoryEntry(s, r, at)));
  }

  /** Lengths from empty to well past {@link Merge#MAX_HISTORY}. */
  public static Arbitrary<List<HistoryEntry>> histories() {
    return Arbitraries.oneOf(
        historyEntries().list().ofMaxSize(4),
        historyEntries().list().ofMinSize(Merge.MAX_HISTORY - 4).ofMaxSize(Merge.MAX_HISTORY + 20));
  }

  /** Few writers and a narrow clock range, so equal stamps and ties between writers happen. */
  public static Arbitrary<Stamp> stamps() {
    return Combinators.combine(Arbitraries.longs().between(0, 6), Arbitraries.of("node-a", "node-b", "node-c"))
        .as(Stamp::new);
  }

  /** Where a version stands in its lifecycle: any safeties, final or not, few flips, any access-list result. */
  public record Lifecycle(Safety executing, Safety initiating, boolean isFinal, int flips,
                          AccessListCheck accessList) {}

  public static Arbitrary<Lifecycle> lifecycles() {
    return Combinators.combine(Arbitraries.of(Safety.class), Arbitraries.of(Safety.class),
        Arbitraries.of(false, true), Arbitraries.integers().between(0, 3), Arbitraries.of(AccessListCheck.class))
        .as(Lifecycle::new);
  }

  /** One version of the message with these facts. */
  public static Arbitrary<MessageRecord> versionOf(Facts f) {
    return statuses().flatMap(status -> Combinators.combine(reasonFor(status), histories(), instants(), instants(),
            stamps(), lifecycles())
        .as((reason, history, seen, checked, stamp, l) -> new MessageRecord(f.key(), f.executingBlockNumber(),
            Hash32.parse(f.executingTxHash(), "tx hash"), f.executingTimestamp(),
            Hash32.parseNullable(f.msgHash(), "message hash"), f.identifier(), status, reason, history,
            seen, checked, stamp, l.executing(), l.initiating(), l.isFinal(), l.flips(), l.accessList())));
  }

  /** One site's verdict, of a site of {@link #SITES}. */
  public static Arbitrary<SiteVerdict> verdictsOf(String site) {
    return statuses().flatMap(status -> Combinators.combine(reasonFor(status), histories(), stamps(), lifecycles())
        .as((reason, history, stamp, l) -> new SiteVerdict(site, status, reason, history, stamp, l.executing(),
            l.initiating(), l.isFinal(), l.flips())));
  }

  /** The sites of multi-site versions: few, so that versions share sites often. */
  public static final List<String> SITES = List.of("a", "b", "c");

  /**
   * One version of the message with these facts as a deployment of several sites holds it: verdicts of a non-empty
   * subset of {@link #SITES}, seen from any of them (one without a verdict included).
   */
  public static Arbitrary<MessageRecord> multiSiteVersionOf(Facts f) {
    Arbitrary<List<SiteVerdict>> verdicts = Arbitraries.subsetOf(SITES).ofMinSize(1)
        .flatMap(sites -> Combinators.combine(sites.stream().sorted().map(RecordArbitraries::verdictsOf).toList())
            .as(List::copyOf));
    return Combinators.combine(verdicts, instants(), instants(), Arbitraries.of(AccessListCheck.class),
            Arbitraries.of(SITES))
        .as((v, seen, checked, accessList, site) -> new MessageRecord(f.key(), f.executingBlockNumber(),
            Hash32.parse(f.executingTxHash(), "tx hash"), f.executingTimestamp(),
            Hash32.parseNullable(f.msgHash(), "message hash"), f.identifier(), v, seen, checked, accessList, site));
  }

  /** Three multi-site versions of one message, as three writers of different sites could produce them. */
  public static Arbitrary<List<MessageRecord>> threeMultiSiteVersions() {
    return facts().flatMap(f -> multiSiteVersionOf(f).list().ofSize(3));
  }

  public static Arbitrary<MessageRecord> records() {
    return facts().flatMap(RecordArbitraries::versionOf);
  }

  /** Three versions of one message, as three writers could produce them. */
  public static Arbitrary<List<MessageRecord>> threeVersions() {
    return facts().flatMap(f -> versionOf(f).list().ofSize(3));
  }
}
