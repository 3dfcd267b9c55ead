package crosswatch.store;

import java.util.Optional;

/**
 * A filter over message records, newest first. Empty filters match everything.
 *
 * @param after the position of the last item of the previous page, or null for the first page
 */
public record MessageQuery(Optional<Status> status, Optional<Long> executingChainId,
                           Optional<Long> initiatingChainId, int limit, MessageCursor after) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public MessageQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "]: " + limit);
    }
  }

  public static MessageQuery all(int limit) {
    return new MessageQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit, null);
  }

  public boolean matches(MessageRecord r) {
    return status.map(s -> s == r.status()).orElse(true)
        && executingChainId.map(c -> c == r.key().executingChainId()).orElse(true)
        && initiatingChainId.map(c -> c == r.initiatingChainId()).orElse(true);
  }
}
