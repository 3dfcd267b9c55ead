package crosswatch.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How this replica's site stands with one site of the deployment (itself included).
 *
 * @param online whether this site's relay node is connected to that site over the bridge now (this site: always)
 * @param relayNodes that site's relay nodes, as it last reported them
 * @param lastBackupReceivedAt when this replica last received a backup from that site (empty: never; this site:
 *     empty)
 * @param backupLag how old the newest backup this replica received from that site was when read, on that site's
 *     clock (empty: never received; this site: zero)
 */
public record SiteLink(String site, boolean online, List<String> relayNodes, Optional<Instant> lastBackupReceivedAt,
                       Optional<Duration> backupLag) {
  public SiteLink {
    Objects.requireNonNull(site, "site");
    relayNodes = List.copyOf(relayNodes);
    Objects.requireNonNull(lastBackupReceivedAt, "lastBackupReceivedAt");
    Objects.requireNonNull(backupLag, "backupLag");
  }
}
