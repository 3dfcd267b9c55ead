package crosswatch.config;

import java.util.regex.Pattern;

/**
 * The display form of a URL the user typed, even one that does not parse: scheme and host:port only, as
 * {@link crosswatch.chain.ChainEndpoint#display()} shows valid ones. An RPC URL's userinfo, path and query often
 * carry an API key, and an error message must not print it.
 */
final class UrlText {
  private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(?:[^@/?#]*@)?([^@/?#]*)");
  private static final Pattern HARMLESS = Pattern.compile("[A-Za-z0-9.:_-]{0,64}");

  private UrlText() {}

  static String display(String raw) {
    var m = URL.matcher(raw);
    if (m.find()) {
      return m.group(1) + "://" + m.group(2);
    }
    return HARMLESS.matcher(raw).matches() ? raw : "(hidden: not a URL)";
  }
}
