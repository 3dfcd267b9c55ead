package crosswatch.api;

import crosswatch.store.MessagePage;
import java.util.List;

/** One page of messages; {@code next} is the opaque cursor of the following page, null on the last. */
public record PageJson(List<MessageJson> items, String next) {

  public static PageJson of(MessagePage page) {
    return new PageJson(page.items().stream().map(MessageJson::of).toList(),
        page.next() == null ? null : page.next().encode());
  }
}
