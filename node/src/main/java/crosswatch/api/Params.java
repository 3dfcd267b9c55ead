package crosswatch.api;

import crosswatch.store.MessageCursor;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageQuery;
import crosswatch.store.Status;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns request parameters into typed values or throws {@link BadParameter}. Unknown query parameters are refused
 * rather than ignored, so a misspelt filter ({@code executingChain=901}) fails loudly instead of silently
 * returning every message; a parameter given twice is refused for the same reason. An empty value counts as
 * absent ({@code ?status=&limit=} is the contract's own template).
 */
final class Params {
  private static final List<String> MESSAGE_QUERY =
      List.of("status", "executingChainId", "initiatingChainId", "limit", "cursor");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");
  private static final String STATUSES =
      Arrays.stream(Status.values()).map(Status::wireName).collect(Collectors.joining(", "));

  private Params() {}

  static MessageQuery messageQuery(RoutingContext ctx) {
    Map<String, String> query = query(ctx, MESSAGE_QUERY);
    return new MessageQuery(
        optional(query, "status").map(Params::status),
        optional(query, "executingChainId").map(v -> chainId("executingChainId", v)),
        optional(query, "initiatingChainId").map(v -> chainId("initiatingChainId", v)),
        optional(query, "limit").map(Params::limit).orElse(MessageQuery.DEFAULT_LIMIT),
        optional(query, "cursor").map(Params::cursor).orElse(null));
  }

  /** A path parameter holding a message id in its canonical text form. */
  static MessageKey messageKey(RoutingContext ctx, String name) {
    String text = ctx.pathParam(name);
    try {
      MessageKey key = MessageKey.parse(text);
      if (key.toString().equals(text)) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // refused below, like a non-canonical spelling
    }
    throw new BadParameter(name, "must be <executingChainId>-<executingBlockHash>-<executingLogIndex> "
        + "(decimal, 0x + 64 lowercase hex, decimal)");
  }

  private static Map<String, String> query(RoutingContext ctx, List<String> allowed) {
    MultiMap params;
    try {
      params = ctx.queryParams();
    } catch (IllegalArgumentException e) {
      throw new BadParameter(null, "malformed query string");
    }
    var values = new HashMap<String, String>();
    for (String name : params.names()) {
      if (!allowed.contains(name)) {
        throw new BadParameter(name, "unknown parameter (expected " + String.join(", ", allowed) + ")");
      }
      if (params.getAll(name).size() > 1) {
        throw new BadParameter(name, "given more than once");
      }
      values.put(name, params.get(name));
    }
    return values;
  }

  private static Optional<String> optional(Map<String, String> query, String name) {
    return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
  }

  private static Status status(String value) {
    try {
      return Status.fromWireName(value);
    } catch (IllegalArgumentException e) {
      throw new BadParameter("status", "must be one of " + STATUSES);
    }
  }

  private static long chainId(String name, String value) {
    long id = DECIMAL.matcher(value).matches() ? parseLong(value) : 0;
    if (id <= 0) {
      throw new BadParameter(name, "must be a positive decimal chain id below 2^63");
    }
    return id;
  }

  private static int limit(String value) {
    long limit = DECIMAL.matcher(value).matches() ? parseLong(value) : 0;
    if (limit < 1 || limit > MessageQuery.MAX_LIMIT) {
      throw new BadParameter("limit", "must be an integer in 1.." + MessageQuery.MAX_LIMIT);
    }
    return (int) limit;
  }

  private static MessageCursor cursor(String value) {
    try {
      return MessageCursor.decode(value);
    } catch (IllegalArgumentException e) {
      throw new BadParameter("cursor", "not a cursor from a previous page's \"next\"");
    }
  }

  /** 0 (refused by every caller) when the digits exceed a long. */
  private static long parseLong(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
