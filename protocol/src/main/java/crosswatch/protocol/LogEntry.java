package crosswatch.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One log of a block, as the initiating chain holds it.
 *
 * @param address lowercase 0x-prefixed emitter
 * @param topics lowercase 0x-prefixed 32-byte topics, topic0 first
 * @param data lowercase 0x-prefixed data ("0x" when empty)
 * @param logIndex block-wide index
 */
public record LogEntry(String address, List<String> topics, String data, long logIndex) {
  public LogEntry {
    Objects.requireNonNull(address, "address");
    topics = List.copyOf(topics);
    Objects.requireNonNull(data, "data");
  }
}
