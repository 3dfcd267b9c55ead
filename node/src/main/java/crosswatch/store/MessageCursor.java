package crosswatch.store;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;

/**
 * A position in the newest-first order of messages: (executing timestamp descending, key ascending). Both parts
 * are immutable facts of a record, so a cursor stays valid while statuses change. Opaque to clients (base64url).
 *
 * @param id the text form of a {@link MessageKey}
 */
public record MessageCursor(long executingTimestamp, String id) {

  /** Newest executing timestamp first; ties by key so the order is total and the same on every replica. */
  public static final Comparator<MessageRecord> NEWEST_FIRST =
      Comparator.comparingLong(MessageRecord::executingTimestamp).reversed()
          .thenComparing(MessageRecord::key);

  public MessageCursor {
    MessageKey.parse(id);
  }

  public static MessageCursor of(MessageRecord r) {
    return new MessageCursor(r.executingTimestamp(), r.key().toString());
  }

  /** True when {@code r} comes strictly after this position. */
  public boolean isBefore(MessageRecord r) {
    if (r.executingTimestamp() != executingTimestamp) {
      return r.executingTimestamp() < executingTimestamp;
    }
    return r.key().compareTo(key()) > 0;
  }

  public MessageKey key() {
    return MessageKey.parse(id);
  }

  public String encode() {
    String raw = executingTimestamp + "|" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** Throws {@link IllegalArgumentException} when the text is not a cursor this code produced. */
  public static MessageCursor decode(String text) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      if (bar <= 0) {
        throw new IllegalArgumentException("malformed cursor");
      }
      return new MessageCursor(Long.parseLong(raw.substring(0, bar)), raw.substring(bar + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed cursor", e);
    }
  }
}
