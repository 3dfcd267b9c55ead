package crosswatch.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.Hash32;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageRecord;
import crosswatch.store.SiteVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A message as the API shows it: the wire shape, separate from the store's record. Chain ids, block numbers, log
 * indexes and timestamps are decimal strings (an invalid message's identifier can hold any uint256, beyond what
 * JSON numbers carry safely); hashes and addresses are 0x lowercase hex; times are ISO-8601 UTC.
 *
 * <p>{@code status}, {@code reason}, {@code history}, {@code safety}, {@code final} and {@code flips} are the record's
 * agreed verdict ({@link MessageRecord#agreed}: an invalid verdict of any site, else the latest verdict reached);
 * {@code sites} holds every site's own verdict and {@code agreement} says whether they agree.
 *
 * @param identifier null only when the record has none (a log too malformed to read one from)
 * @param reason null unless {@code status} is {@code invalid}
 * @param history the changes of the agreed verdict's status, oldest first (see {@link HistoryEntry#changes})
 * @param isFinal {@code "final"}: both blocks finalized and the verdict frozen
 * @param accessList {@code ok}, {@code missing}, {@code mismatch} or {@code unchecked}
 * @param sites each site's verdict, by site name
 * @param agreement {@code agree}, {@code disagree} or {@code single-site}
 */
public record MessageJson(String id, String executingChainId, String executingBlockNumber,
                          String executingBlockHash, String executingLogIndex, String executingTxHash,
                          String executingTimestamp, String msgHash, IdentifierJson identifier, String status,
                          String reason, List<HistoryJson> history, String firstSeenAt, String lastCheckedAt,
                          SafetyJson safety, @JsonProperty("final") boolean isFinal, int flips,
                          String accessList, Map<String, SiteJson> sites, String agreement) {

  /** How settled the executing and the initiating block are: {@code unsafe}, {@code safe} or {@code finalized}. */
  public record SafetyJson(String executing, String initiating) {}

  /** Where the executing message says its initiating log is. */
  public record IdentifierJson(String origin, String blockNumber, String logIndex, String timestamp,
                               String chainId) {}

  /** One change of status. */
  public record HistoryJson(String status, String reason, String at) {}

  /**
   * One site's own verdict.
   *
   * @param writer the replica of that site that wrote its current status
   * @param changedAt when the site reached its current status
   */
  public record SiteJson(String status, String reason, String writer, String changedAt, SafetyJson safety,
                         @JsonProperty("final") boolean isFinal, int flips) {}

  /**
   * The wire form of {@code r}.
   *
   * @param localSite the name of the site answering: the name of the unnamed site of a one-site deployment
   */
  public static MessageJson of(MessageRecord r, String localSite) {
    var key = r.key();
    SiteVerdict agreed = r.agreed();
    var sites = new TreeMap<String, SiteJson>();
    r.verdicts().forEach(v -> sites.put(v.site().isEmpty() ? localSite : v.site(), site(v)));
    return new MessageJson(key.toString(), Long.toString(key.executingChainId()),
        Long.toString(r.executingBlockNumber()), key.executingBlockHash().toString(),
        Long.toString(key.executingLogIndex()), r.executingTxHash().toString(), Long.toString(r.executingTimestamp()),
        Hash32.text(r.msgHash()), identifier(r.identifier()), agreed.status().wireName(), reason(agreed.reason()),
        HistoryEntry.changes(agreed.history()).stream().map(MessageJson::history).toList(), time(r.firstSeenAt()),
        time(r.lastCheckedAt()), safety(agreed), agreed.isFinal(), agreed.flips(), r.accessList().wireName(),
        sites, r.agreement().wireName());
  }

  private static SiteJson site(SiteVerdict v) {
    return new SiteJson(v.status().wireName(), reason(v.reason()), v.stamp().writer(),
        v.changedAt() == null ? null : time(v.changedAt()), safety(v), v.isFinal(), v.flips());
  }

  private static SafetyJson safety(SiteVerdict v) {
    return new SafetyJson(v.executingSafety().wireName(), v.initiatingSafety().wireName());
  }

  private static IdentifierJson identifier(Identifier id) {
    if (id == null) {
      return null;
    }
    return new IdentifierJson(hex(id.origin()), id.blockNumber().toString(), id.logIndex().toString(),
        id.timestamp().toString(), id.chainId().toString());
  }

  private static HistoryJson history(HistoryEntry h) {
    return new HistoryJson(h.status().wireName(), reason(h.reason()), time(h.at()));
  }

  private static String reason(Reason reason) {
    return reason == null ? null : reason.wireName();
  }

  private static String hex(String hex) {
    return hex == null ? null : hex.toLowerCase(Locale.ROOT);
  }

  /** Instant's own text form is ISO-8601 in UTC ({@code ...Z}). */
  private static String time(Instant at) {
    return at.toString();
  }
}
