package crosswatch.app;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites every URL in a text to {@code scheme://host:port}, dropping userinfo, path, query and fragment: RPC URLs
 * carry credentials there. What {@code ChainEndpoint.display()} shows passes unchanged.
 */
final class UrlRedaction {
  /**
   * scheme, then userinfo (greedy up to the last {@code @}, so that a password holding one is dropped whole),
   * host (a bracketed IPv6 literal or a name), port, and the rest of the URL up to a space, quote or backslash.
   */
  private static final Pattern URL = Pattern.compile(
      "\\b([a-zA-Z][a-zA-Z0-9+.-]*)://(?:[^\\s/?#\"'<>\\\\]*@)?(\\[[0-9a-fA-F:.]+]|[^\\s/?#:@\"'<>\\\\\\[]*)"
          + "(:\\d+)?(?:[/?#][^\\s\"'<>\\\\]*)?");

  private UrlRedaction() {}

  static String redact(String text) {
    if (!text.contains("://")) {
      return text;
    }
    Matcher m = URL.matcher(text);
    var out = new StringBuilder(text.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(
          m.group(1) + "://" + m.group(2) + (m.group(3) == null ? "" : m.group(3))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
