package crosswatch.store;

import java.util.List;

/** One page of a query; {@code next} is null on the last page. */
public record MessagePage(List<MessageRecord> items, MessageCursor next) {
  public MessagePage {
    items = List.copyOf(items);
  }
}
