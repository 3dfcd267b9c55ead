package crosswatch.api;

import crosswatch.store.MessagePage;
import java.util.List;

/** One page of messages; {@code next} is the opaque cursor of the following page, null on the last. */
public record PageJson(List<MessageJson> items, String next) {

  /** @param localSite the name of the site answering (see {@link MessageJson#of}) */
  public static PageJson of(MessagePage page, String localSite) {
    return new PageJson(page.items().stream().map(r -> MessageJson.of(r, localSite)).toList(),
        page.next() == null ? null : page.next().encode());
  }
}
