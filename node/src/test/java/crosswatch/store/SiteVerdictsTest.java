package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.Reason;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Records of several sites: the merge is still a join when every site keeps its own verdict, sites never overwrite
 * each other's, a site's writes change only its own verdict, and the agreed verdict never hides an invalid one.
 */
class SiteVerdictsTest {

  @Provide
  Arbitrary<List<MessageRecord>> versions() {
    return RecordArbitraries.threeMultiSiteVersions();
  }

  @Group
  class Laws {
    @Property(tries = 400)
    void isCommutative(@ForAll("versions") List<MessageRecord> v) {
      assertThat(Merge.merge(v.get(0), v.get(1))).isEqualTo(Merge.merge(v.get(1), v.get(0)));
    }

    @Property(tries = 400)
    void isAssociative(@ForAll("versions") List<MessageRecord> v) {
      assertThat(Merge.merge(Merge.merge(v.get(0), v.get(1)), v.get(2)))
          .isEqualTo(Merge.merge(v.get(0), Merge.merge(v.get(1), v.get(2))));
    }

    @Property(tries = 200)
    void isIdempotent(@ForAll("versions") List<MessageRecord> v) {
      assertThat(Merge.merge(v.get(0), v.get(0))).isEqualTo(v.get(0));
    }
  }

  @Group
  class EachSiteItsOwn {
    @Property(tries = 400)
    void everySiteEndsWithTheJoinOfItsOwnVersionsAndNothingElse(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord merged = Merge.merge(v.get(0), v.get(1));

      var sites = new TreeSet<String>();
      v.subList(0, 2).forEach(r -> r.verdicts().forEach(s -> sites.add(s.site())));
      assertThat(merged.verdicts()).extracting(SiteVerdict::site).containsExactlyElementsOf(sites);
      for (String site : sites) {
        Optional<SiteVerdict> a = v.get(0).verdictOf(site);
        Optional<SiteVerdict> b = v.get(1).verdictOf(site);
        SiteVerdict expected = a.isPresent() && b.isPresent() ? SiteVerdict.join(a.get(), b.get())
            : a.orElseGet(b::orElseThrow);
        assertThat(merged.verdictOf(site)).as(site).contains(expected);
      }
    }

    @Property(tries = 300)
    void aSitesWriteChangesOnlyItsOwnVerdict(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord r = v.get(0);
      MessageRecord judged = r.withStatus(Status.INVALID, Reason.LOG_MISSING, Fixtures.T1, new Stamp(99, "x"))
          .withLifecycle(Safety.FINALIZED, Safety.SAFE, false, new Stamp(100, "x"));

      for (SiteVerdict other : r.verdicts()) {
        if (!other.site().equals(r.site())) {
          assertThat(judged.verdictOf(other.site())).contains(other);
        }
      }
      assertThat(Merge.merge(r, judged).verdicts().stream().filter(s -> !s.site().equals(r.site())))
          .containsExactlyElementsOf(r.verdicts().stream().filter(s -> !s.site().equals(r.site())).toList());
    }

    @Property(tries = 200)
    void equalityIgnoresTheSiteARecordIsSeenFrom(@ForAll("versions") List<MessageRecord> v) {
      for (String site : RecordArbitraries.SITES) {
        assertThat(v.get(0).seenFrom(site)).isEqualTo(v.get(0)).hasSameHashCodeAs(v.get(0));
        assertThat(v.get(0).seenFrom(site).own())
            .isEqualTo(v.get(0).verdictOf(site).orElse(SiteVerdict.unseen(site)));
      }
    }
  }

  @Group
  class Agreed {
    @Property(tries = 300)
    void anInvalidVerdictOfAnySiteIsTheAgreedStatus(@ForAll("versions") List<MessageRecord> v) {
      MessageRecord r = v.get(0);
      boolean anyInvalid = r.verdicts().stream().anyMatch(s -> s.status() == Status.INVALID);

      assertThat(r.agreed().status() == Status.INVALID).isEqualTo(anyInvalid);
      assertThat(r.agreed()).isIn(r.verdicts());
    }

    @Property(tries = 300)
    void agreementComparesTheSitesThatDecided(@ForAll("versions") List<MessageRecord> v) {
      List<SiteVerdict> decided = v.get(0).verdicts().stream().filter(SiteVerdict::decided).toList();
      long distinct = decided.stream().map(s -> s.status() + "/" + s.reason()).distinct().count();

      Agreement expected = decided.size() < 2 ? Agreement.SINGLE_SITE
          : distinct == 1 ? Agreement.AGREE : Agreement.DISAGREE;
      assertThat(v.get(0).agreement()).isEqualTo(expected);
    }
  }

  @Nested
  class Examples {
    private final MessageRecord found = Fixtures.record().seenFrom("a");

    @Test
    void aSiteThatHasNotLookedYetSeesTheMessagePendingAndItsFirstVerdictIsItsOwn() {
      MessageRecord validAtA = found.withStatus(Status.VALID, null, Fixtures.T1, new Stamp(5, "a-0"));
      MessageRecord atB = validAtA.seenFrom("b");

      assertThat(atB.status()).isEqualTo(Status.PENDING);
      assertThat(atB.history()).isEmpty();
      MessageRecord invalidAtB =
          atB.withStatus(Status.INVALID, Reason.LOG_MISSING, Fixtures.T1, new Stamp(6, "b-0"));
      MessageRecord merged = Merge.merge(validAtA, invalidAtB);

      assertThat(merged.verdictOf("a").orElseThrow().status()).isEqualTo(Status.VALID);
      assertThat(merged.verdictOf("b").orElseThrow().status()).isEqualTo(Status.INVALID);
      assertThat(merged.agreement()).isEqualTo(Agreement.DISAGREE);
      assertThat(merged.agreed().status()).isEqualTo(Status.INVALID);
      assertThat(merged.seenFrom("a").status()).isEqualTo(Status.VALID);
    }

    @Test
    void theUnnamedVerdictOfARecordWrittenBeforeSitesIsAdoptedByTheSiteThatReadsIt() {
      MessageRecord legacy = Fixtures.record().withStatus(Status.VALID, null, Fixtures.T1, new Stamp(5, "n"));
      MessageRecord atB = Merge.merge(legacy.seenFrom("b"), Fixtures.record().seenFrom("a"));

      assertThat(atB.verdicts()).extracting(SiteVerdict::site).containsExactly("a", "b");
      assertThat(atB.verdictOf("b").orElseThrow().status()).isEqualTo(Status.VALID);
      assertThat(legacy.seenFrom("")).isSameAs(legacy);
    }

    @Test
    void aPendingSiteHasNoSayInTheAgreement() {
      MessageRecord validAtA = found.withStatus(Status.VALID, null, Fixtures.T1, new Stamp(5, "a-0"));
      MessageRecord pendingAtB = Fixtures.record().seenFrom("b");

      assertThat(Merge.merge(validAtA, pendingAtB).agreement()).isEqualTo(Agreement.SINGLE_SITE);
      assertThat(Merge.merge(validAtA, pendingAtB).agreed().status()).isEqualTo(Status.VALID);
    }
  }
}
