package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Reason;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MessageLifecycleTest {
  private static final Stamp S1 = new Stamp(1, "node-a");
  private static final Stamp S2 = new Stamp(2, "node-a");
  private static final Stamp S3 = new Stamp(3, "node-a");
  private static final Stamp S4 = new Stamp(4, "node-a");

  private static MessageRecord valid() {
    return Fixtures.record().withStatus(Status.VALID, null, Fixtures.T1, S1);
  }

  @Nested
  class Flips {
    @Test
    void validThenInvalidIsOneFlip() {
      MessageRecord r = valid().withStatus(Status.INVALID, Reason.PAYLOAD_MISMATCH, Fixtures.T1.plusSeconds(1), S2);

      assertThat(r.flips()).isEqualTo(1);
    }

    @Test
    void pendingOrReorgedInBetweenDoesNotHideAFlip() {
      MessageRecord r = valid().withStatus(Status.PENDING, null, Fixtures.T1.plusSeconds(1), S2)
          .withStatus(Status.INVALID, Reason.PAYLOAD_MISMATCH, Fixtures.T1.plusSeconds(2), S3);

      assertThat(r.flips()).isEqualTo(1);
    }

    @Test
    void aFirstVerdictAndAChangeOfReasonAreNoFlips() {
      MessageRecord r = Fixtures.record().withStatus(Status.INVALID, Reason.EXPIRED, Fixtures.T1, S1)
          .withStatus(Status.INVALID, Reason.PAYLOAD_MISMATCH, Fixtures.T1.plusSeconds(1), S2);

      assertThat(r.flips()).isZero();
    }

    @Test
    void flippingBackCountsAgain() {
      MessageRecord r = valid().withStatus(Status.INVALID, Reason.PAYLOAD_MISMATCH, Fixtures.T1.plusSeconds(1), S2)
          .withStatus(Status.VALID, null, Fixtures.T1.plusSeconds(2), S3);

      assertThat(r.flips()).isEqualTo(2);
    }
  }

  @Nested
  class Finality {
    @Test
    void aFinalRecordKeepsItsVerdict() {
      MessageRecord fin = valid().withLifecycle(Safety.FINALIZED, Safety.FINALIZED, true, S2);

      MessageRecord later = fin.withStatus(Status.INVALID, Reason.PAYLOAD_MISMATCH, Fixtures.T1.plusSeconds(5), S3);

      assertThat(later.status()).isEqualTo(Status.VALID);
      assertThat(later.history()).isEqualTo(fin.history());
      assertThat(later.lastCheckedAt()).isEqualTo(Fixtures.T1.plusSeconds(5));
    }

    @Test
    void aFinalVersionWinsAMergeAgainstANewerVerdict() {
      MessageRecord fin = valid().withLifecycle(Safety.FINALIZED, Safety.FINALIZED, true, S2);
      MessageRecord newer = valid().withStatus(Status.INVALID, Reason.PAYLOAD_MISMATCH, Fixtures.T1, S4);

      MessageRecord merged = Merge.merge(newer, fin);

      assertThat(merged.isFinal()).isTrue();
      assertThat(merged.status()).isEqualTo(Status.VALID);
    }
  }

  @Nested
  class Safeties {
    @Test
    void safetyNeverMovesBack() {
      MessageRecord r = valid().withLifecycle(Safety.SAFE, Safety.FINALIZED, false, S2)
          .withLifecycle(Safety.UNSAFE, Safety.SAFE, false, S3);

      assertThat(r.executingSafety()).isEqualTo(Safety.SAFE);
      assertThat(r.initiatingSafety()).isEqualTo(Safety.FINALIZED);
    }

    @Test
    void raisingSafetyAloneKeepsTheStamp() {
      assertThat(valid().withLifecycle(Safety.SAFE, Safety.SAFE, false, S3).stamp()).isEqualTo(S1);
    }

    @Test
    void aHeadSaysHowSettledABlockIs() {
      var head = new ChainHead(901, new HeadBlock(20, Fixtures.HASH_A, 0), new HeadBlock(15, Fixtures.HASH_A, 0),
          new HeadBlock(10, Fixtures.HASH_B, 0));

      assertThat(head.safetyOf(10)).isEqualTo(Safety.FINALIZED);
      assertThat(head.safetyOf(11)).isEqualTo(Safety.SAFE);
      assertThat(head.safetyOf(15)).isEqualTo(Safety.SAFE);
      assertThat(head.safetyOf(16)).isEqualTo(Safety.UNSAFE);
    }
  }

  @Nested
  class AccessLists {
    @Test
    void uncheckedNeverReplacesAResult() {
      assertThat(valid().withAccessList(AccessListCheck.OK).withAccessList(AccessListCheck.UNCHECKED).accessList())
          .isEqualTo(AccessListCheck.OK);
    }

    @Test
    void onlyAValidMessageWithMissingOrMismatchedEntriesIsAProblem() {
      assertThat(valid().withAccessList(AccessListCheck.MISSING).hasAccessListProblem()).isTrue();
      assertThat(valid().withAccessList(AccessListCheck.MISMATCH).hasAccessListProblem()).isTrue();
      assertThat(valid().withAccessList(AccessListCheck.OK).hasAccessListProblem()).isFalse();
      assertThat(Fixtures.record().withAccessList(AccessListCheck.MISSING).hasAccessListProblem()).isFalse();
    }
  }
}
