package crosswatch.store;

import crosswatch.protocol.Reason;
import java.util.Optional;

/**
 * A filter over message records, newest first. Empty filters match everything. Status, reason, safety and finality
 * are those of the record's agreed verdict ({@link MessageRecord#agreed}), which every site shows alike.
 *
 * @param safety how settled the executing block is
 * @param isFinal whether the verdict is frozen ({@code final} on the wire)
 * @param since executing timestamps at or after this (unix seconds)
 * @param until executing timestamps at or before this (unix seconds)
 * @param txHash the executing transaction's hash
 * @param agreement whether the sites that judged the message agree
 * @param after the position of the last item of the previous page, or null for the first page
 */
public record MessageQuery(Optional<Status> status, Optional<Long> executingChainId,
                           Optional<Long> initiatingChainId, Optional<Reason> reason, Optional<Safety> safety,
                           Optional<Boolean> isFinal, Optional<Long> since, Optional<Long> until,
                           Optional<Hash32> txHash, Optional<Agreement> agreement, int limit, MessageCursor after) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public MessageQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "]: " + limit);
    }
  }

  /** A query by status and chains only. */
  public MessageQuery(Optional<Status> status, Optional<Long> executingChainId, Optional<Long> initiatingChainId,
                      int limit, MessageCursor after) {
    this(status, executingChainId, initiatingChainId, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), limit, after);
  }

  public static MessageQuery all(int limit) {
    return new MessageQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit, null);
  }

  public boolean matches(MessageRecord r) {
    SiteVerdict agreed = r.agreed();
    return status.map(s -> s == agreed.status()).orElse(true)
        && executingChainId.map(c -> c == r.key().executingChainId()).orElse(true)
        && initiatingChainId.map(c -> c == r.initiatingChainId()).orElse(true)
        && reason.map(why -> why == agreed.reason()).orElse(true)
        && safety.map(s -> s == agreed.executingSafety()).orElse(true)
        && isFinal.map(f -> f == agreed.isFinal()).orElse(true)
        && since.map(t -> r.executingTimestamp() >= t).orElse(true)
        && until.map(t -> r.executingTimestamp() <= t).orElse(true)
        && txHash.map(h -> h.equals(r.executingTxHash())).orElse(true)
        && agreement.map(a -> a == r.agreement()).orElse(true);
  }

  /** In the newest-first order, whether {@code r} and every record after it are older than {@code since}. */
  public boolean isPastEnd(MessageRecord r) {
    return since.map(t -> r.executingTimestamp() < t).orElse(false);
  }
}
