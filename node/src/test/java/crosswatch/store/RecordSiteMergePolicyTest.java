package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.infinispan.metadata.EmbeddedMetadata;
import org.infinispan.metadata.Metadata;
import org.infinispan.xsite.spi.SiteEntry;

/**
 * The cross-site merge policy is the local merge: whichever site receives the other's entry, both end with the same
 * entry, whose record is {@link Merge#merge} of the two. Infinispan requires the first (it runs the policy on each
 * site with that site's entry as local); the second makes the result independent of the order backups cross the
 * bridge in.
 */
class RecordSiteMergePolicyTest {
  private static final Metadata RETAINED = new EmbeddedMetadata.Builder().lifespan(86_400_000).build();

  private final RecordSiteMergePolicy policy = new RecordSiteMergePolicy();

  /** Two sites' entries for one key: either may be absent (never written there, or expired). */
  record Pair(SiteEntry<MessageRecord> a, SiteEntry<MessageRecord> b) {}

  @Provide
  Arbitrary<Pair> pairs() {
    return RecordArbitraries.facts().flatMap(f -> Combinators.combine(
            RecordArbitraries.versionOf(f).injectNull(0.1), RecordArbitraries.versionOf(f).injectNull(0.1),
            Arbitraries.of("region-a", "region-b", "eu"), Arbitraries.of("region-c", "us", "zz"))
        .as((x, y, siteX, siteY) -> new Pair(entry(siteX, x), entry(siteY, y))));
  }

  @Provide
  Arbitrary<List<MessageRecord>> threeVersions() {
    return RecordArbitraries.threeVersions();
  }

  private static SiteEntry<MessageRecord> entry(String site, MessageRecord r) {
    return new SiteEntry<>(site, r, r != null && r.finalAnywhere() ? RETAINED : SiteJoin.IMMORTAL);
  }

  private SiteEntry<MessageRecord> resolve(SiteEntry<MessageRecord> local, SiteEntry<MessageRecord> remote) {
    return policy.merge(null, local, remote).toCompletableFuture().join();
  }

  @Property(tries = 500)
  void bothSitesResolveToTheSameEntry(@ForAll("pairs") Pair p) {
    assertThat(resolve(p.a(), p.b())).isEqualTo(resolve(p.b(), p.a()));
  }

  @Property(tries = 500)
  void theResolvedRecordIsTheLocalMerge(@ForAll("pairs") Pair p) {
    assertThat(resolve(p.a(), p.b()).getValue()).isEqualTo(Merge.merge(p.a().getValue(), p.b().getValue()));
  }

  @Property(tries = 300)
  void aFinalRecordKeepsItsLifespanAndOthersNeverExpire(@ForAll("pairs") Pair p) {
    SiteEntry<MessageRecord> resolved = resolve(p.a(), p.b());

    if (resolved.getValue() != null) {
      assertThat(resolved.getMetadata().lifespan()).isEqualTo(resolved.getValue().finalAnywhere() ? 86_400_000 : -1);
    }
  }

  @Property(tries = 200)
  void threeSitesInAnyOrderEndWithTheMergeOfAll(@ForAll("threeVersions") List<MessageRecord> v) {
    var a = entry("a", v.get(0));
    var b = entry("b", v.get(1));
    var c = entry("c", v.get(2));
    MessageRecord expected = Merge.merge(Merge.merge(v.get(0), v.get(1)), v.get(2));

    assertThat(resolve(resolve(a, b), c).getValue()).isEqualTo(expected);
    assertThat(resolve(c, resolve(b, a)).getValue()).isEqualTo(expected);
    assertThat(resolve(resolve(c, a), b).getValue()).isEqualTo(expected);
  }
}
