package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MergeTest {

  @Provide
  Arbitrary<List<MessageRecord>> versions() {
    return RecordArbitraries.threeVersions();
  }

  @Provide
  Arbitrary<MessageRecord> records() {
    return RecordArbitraries.records();
  }

  @Group
  class Laws {
    @Property(tries = 500)
    void isCommutative(@ForAll("versions") List<MessageRecord> v) {
      assertThat(Merge.merge(v.get(0), v.get(1))).isEqualTo(Merge.merge(v.get(1), v.get(0)));
    }

    @Property(tries = 500)
    void isAssociative(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord left = Merge.merge(Merge.merge(v.get(0), v.get(1)), v.get(2));
      MessageRecord right = Merge.merge(v.get(0), Merge.merge(v.get(1), v.get(2)));
      assertThat(left).isEqualTo(right);
    }

    @Property(tries = 300)
    void isIdempotent(@ForAll("records") MessageRecord r) {
      assertThat(Merge.merge(r, r)).isEqualTo(r);
    }

    @Property(tries = 300)
    void mergingAgainChangesNothing(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord once = Merge.merge(v.get(0), v.get(1));
      assertThat(Merge.merge(once, v.get(1))).isEqualTo(once);
      assertThat(Merge.merge(v.get(0), once)).isEqualTo(once);
    }

    @Property(tries = 100)
    void treatsNullAsNoRecordYet(@ForAll("records") MessageRecord r) {
      assertThat(Merge.merge(null, r)).isSameAs(r);
      assertThat(Merge.merge(r, null)).isSameAs(r);
    }
  }

  @Group
  class Parts {
    @Property(tries = 300)
    void currentStatusComesFromTheFinalVersionThenTheLatestStamp(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord a = v.get(0);
      MessageRecord b = v.get(1);
      MessageRecord merged = Merge.merge(a, b);
      int order = a.isFinal() != b.isFinal() ? Boolean.compare(a.isFinal(), b.isFinal())
          : a.stamp().compareTo(b.stamp());
      if (order != 0) {
        MessageRecord latest = order > 0 ? a : b;
        assertThat(merged.status()).isEqualTo(latest.status());
        assertThat(merged.reason()).isEqualTo(latest.reason());
      }
      assertThat(merged.stamp()).isEqualTo(order >= 0 ? a.stamp() : b.stamp());
    }

    @Property(tries = 300)
    void historyIsTheNewestEntriesOfTheUnionInOrder(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord merged = Merge.merge(v.get(0), v.get(1));
      var union = new TreeSet<HistoryEntry>(v.get(0).history());
      union.addAll(v.get(1).history());
      List<HistoryEntry> all = new ArrayList<>(union);
      List<HistoryEntry> newest = all.subList(Math.max(0, all.size() - Merge.MAX_HISTORY), all.size());
      assertThat(merged.history()).containsExactlyElementsOf(newest);
    }

    @Property(tries = 300)
    void firstSeenIsTheMinimumAndLastCheckedTheMaximum(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord merged = Merge.merge(v.get(0), v.get(1));
      assertThat(merged.firstSeenAt()).isEqualTo(min(v.get(0).firstSeenAt(), v.get(1).firstSeenAt()));
      assertThat(merged.lastCheckedAt()).isEqualTo(max(v.get(0).lastCheckedAt(), v.get(1).lastCheckedAt()));
    }

    @Property(tries = 200)
    void returnsTheDominatingArgumentItself(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord merged = Merge.merge(v.get(0), v.get(1));
      assertThat(Merge.merge(merged, v.get(0))).isSameAs(merged);
    }
  }

  @Group
  class LifecycleParts {
    @Property(tries = 300)
    void safetyOnlyMovesForward(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord merged = Merge.merge(v.get(0), v.get(1));
      assertThat(merged.executingSafety())
          .isEqualTo(Safety.max(v.get(0).executingSafety(), v.get(1).executingSafety()));
      assertThat(merged.initiatingSafety())
          .isEqualTo(Safety.max(v.get(0).initiatingSafety(), v.get(1).initiatingSafety()));
    }

    @Property(tries = 300)
    void finalIsStickyAndFlipsTakeTheMaximum(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord merged = Merge.merge(v.get(0), v.get(1));
      assertThat(merged.isFinal()).isEqualTo(v.get(0).isFinal() || v.get(1).isFinal());
      assertThat(merged.flips()).isEqualTo(Math.max(v.get(0).flips(), v.get(1).flips()));
    }

    @Property(tries = 300)
    void aCheckedAccessListBeatsUnchecked(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord merged = Merge.merge(v.get(0), v.get(1));
      boolean anyChecked = v.get(0).accessList() != AccessListCheck.UNCHECKED
          || v.get(1).accessList() != AccessListCheck.UNCHECKED;
      assertThat(merged.accessList() != AccessListCheck.UNCHECKED).isEqualTo(anyChecked);
      assertThat(merged.accessList()).isIn(v.get(0).accessList(), v.get(1).accessList());
    }
  }

  @Nested
  class Ties {
    @Test
    void equalStampsWithDifferentVerdictsPickTheSameOneEitherWay() {
      Stamp same = new Stamp(7, "node-a");
      MessageRecord valid = Fixtures.record().withStatus(Status.VALID, null, Fixtures.T1, same);
      MessageRecord invalid = Fixtures.record().withStatus(Status.INVALID, Reason.EXPIRED, Fixtures.T1, same);

      assertThat(Merge.merge(valid, invalid).status()).isEqualTo(Merge.merge(invalid, valid).status());
    }

    @Test
    void aStampTieBetweenWritersGoesToTheGreaterWriterName() {
      MessageRecord byA = Fixtures.record().withStatus(Status.VALID, null, Fixtures.T1, new Stamp(7, "node-a"));
      MessageRecord byB = Fixtures.record().withStatus(Status.REORGED, null, Fixtures.T1, new Stamp(7, "node-b"));

      assertThat(Merge.merge(byA, byB).status()).isEqualTo(Status.REORGED);
    }
  }

  @Nested
  class ImmutableFacts {
    private static final String OTHER_HASH = "0x" + "d".repeat(64);

    @Test
    void differentMessagesCannotBeMerged() {
      MessageRecord a = Fixtures.record();
      MessageRecord b = Fixtures.recordFor(new MessageKey(901, Fixtures.HASH_B, 0));

      assertThatThrownBy(() -> Merge.merge(a, b)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDisagreeingBlockNumberIsAConflict() {
      assertConflict(r -> copy(r, r.executingBlockNumber() + 1, r.executingTxHash(), r.executingTimestamp(),
          r.msgHash(), r.identifier()), "executingBlockNumber");
    }

    @Test
    void aDisagreeingTransactionIsAConflict() {
      assertConflict(r -> copy(r, r.executingBlockNumber(), OTHER_HASH, r.executingTimestamp(), r.msgHash(),
          r.identifier()), "executingTxHash");
    }

    @Test
    void aDisagreeingTimestampIsAConflict() {
      assertConflict(r -> copy(r, r.executingBlockNumber(), r.executingTxHash(), r.executingTimestamp() + 1,
          r.msgHash(), r.identifier()), "executingTimestamp");
    }

    @Test
    void aMissingMessageHashOnOneSideIsAConflict() {
      assertConflict(r -> copy(r, r.executingBlockNumber(), r.executingTxHash(), r.executingTimestamp(), null,
          r.identifier()), "msgHash");
    }

    @Test
    void aDisagreeingIdentifierIsAConflict() {
      assertConflict(r -> {
        Identifier id = r.identifier();
        var other = new Identifier(id.origin(), id.blockNumber().add(BigInteger.ONE), id.logIndex(), id.timestamp(),
            id.chainId());
        return copy(r, r.executingBlockNumber(), r.executingTxHash(), r.executingTimestamp(), r.msgHash(), other);
      }, "identifier");
    }

    @Test
    void aMissingIdentifierOnOneSideIsAConflict() {
      assertConflict(r -> copy(r, r.executingBlockNumber(), r.executingTxHash(), r.executingTimestamp(),
          r.msgHash(), null), "identifier");
    }

    @Test
    void theConflictNamesEveryDisagreeingFact() {
      MessageRecord a = Fixtures.record();
      MessageRecord b = copy(a, a.executingBlockNumber() + 1, OTHER_HASH, a.executingTimestamp(), null,
          a.identifier());

      assertThatThrownBy(() -> Merge.merge(a, b)).isInstanceOfSatisfying(ConflictingFacts.class, e -> {
        assertThat(e.key()).isEqualTo(a.key());
        assertThat(e.fields()).containsExactly("executingBlockNumber", "executingTxHash", "msgHash");
      });
    }

    private void assertConflict(UnaryOperator<MessageRecord> breakOneFact, String field) {
      MessageRecord a = Fixtures.record();
      MessageRecord b = breakOneFact.apply(a).withStatus(Status.VALID, null, Fixtures.T1, new Stamp(9, "node-b"));

      assertThatThrownBy(() -> Merge.merge(a, b)).isInstanceOfSatisfying(ConflictingFacts.class,
          e -> assertThat(e.fields()).containsExactly(field));
      assertThatThrownBy(() -> Merge.merge(b, a)).isInstanceOf(ConflictingFacts.class);
    }

    private MessageRecord copy(MessageRecord r, long blockNumber, Object txHash, long timestamp, Object msgHash,
                               Identifier identifier) {
      return new MessageRecord(r.key(), blockNumber, txHash.toString(), timestamp,
          msgHash == null ? null : msgHash.toString(), identifier, r.status(), r.reason(),
          r.history(), r.firstSeenAt(), r.lastCheckedAt(), r.stamp());
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
