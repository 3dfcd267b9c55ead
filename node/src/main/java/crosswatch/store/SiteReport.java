package crosswatch.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a site says about itself, published every second by its primary relay node and backed up to every other
 * site: how each site learns who relays for the others, whether its own relay reaches them, and how fresh the
 * backups it receives from each are.
 *
 * @param relayNodes the site's relay nodes (members on the bridge), by node name
 * @param reachable the other sites its relay node is connected to over the bridge
 * @param writtenAt when it was written, on the writer's clock
 * @param writer the node that wrote it
 */
public record SiteReport(String site, List<String> relayNodes, List<String> reachable, Instant writtenAt,
                         String writer) {
  public SiteReport {
    Objects.requireNonNull(site, "site");
    relayNodes = List.copyOf(relayNodes);
    reachable = List.copyOf(reachable);
    Objects.requireNonNull(writtenAt, "writtenAt");
    Objects.requireNonNull(writer, "writer");
  }

  /** The newer of two reports of one site (null is none); ties by writer, so every site picks the same. */
  public static SiteReport newer(SiteReport a, SiteReport b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    int order = a.writtenAt.compareTo(b.writtenAt);
    if (order == 0) {
      order = a.writer.compareTo(b.writer);
    }
    return order >= 0 ? a : b;
  }

  /** Across sites: each site writes only its own report, so two meet only around a site's restart. */
  public static final class AcrossSites extends SiteJoin<String, SiteReport> {
    @Override
    protected SiteReport join(SiteReport a, SiteReport b) {
      return newer(a, b);
    }
  }
}
