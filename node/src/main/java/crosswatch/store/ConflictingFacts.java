package crosswatch.store;

import java.util.List;

/**
 * Two versions of one message disagree on an immutable fact (the executing log's block, transaction, timestamp,
 * message hash or identifier). Both were derived from the same log, so this is a bug in a writer, never a race:
 * {@link Merge} refuses to pick a side silently.
 */
public final class ConflictingFacts extends RuntimeException {
  private final MessageKey key;
  private final List<String> fields;

  public ConflictingFacts(MessageKey key, List<String> fields) {
    super("versions of message " + key + " disagree on immutable facts " + fields);
    this.key = key;
    this.fields = List.copyOf(fields);
  }

  public MessageKey key() {
    return key;
  }

  /** Names of the record components that differ. */
  public List<String> fields() {
    return fields;
  }
}
