package crosswatch.api;

import crosswatch.protocol.Reason;
import crosswatch.store.Agreement;
import crosswatch.store.Hash32;
import crosswatch.store.MessageCursor;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageQuery;
import crosswatch.store.Safety;
import crosswatch.store.Status;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns request parameters into typed values or throws {@link BadParameter}. Unknown query parameters are refused
 * rather than ignored, so a misspelt filter ({@code executingChain=901}) fails loudly instead of silently
 * returning every message; a parameter given twice is refused for the same reason. An empty value counts as
 * absent ({@code ?status=&limit=} is the contract's own template).
 */
final class Params {
  /** The filters shared by the message list and the event stream. */
  private static final List<String> FILTERS =
      List.of("status", "executingChainId", "initiatingChainId", "reason", "safety", "final", "since", "until",
          "txHash", "agreement");
  static final List<String> MESSAGE_QUERY = concat(FILTERS, List.of("limit", "cursor"));
  static final List<String> EVENT_QUERY = concat(FILTERS, List.of("replay"));
  static final List<String> SERIES_QUERY = List.of("window", "step");
  /** A whole number of seconds, minutes or hours: 90s, 5m, 1h. */
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(s|m|h)");
  private static final int DEFAULT_WINDOW_MINUTES = 60;
  private static final int MAX_WINDOW_MINUTES = 24 * 60;
  private static final int MAX_STEP_MINUTES = 60;
  /** How many past changes a new event stream may ask for. */
  static final int MAX_REPLAY = 1000;
  private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");
  private static final String STATUSES =
      Arrays.stream(Status.values()).map(Status::wireName).collect(Collectors.joining(", "));
  private static final String SAFETIES =
      Arrays.stream(Safety.values()).map(Safety::wireName).collect(Collectors.joining(", "));
  private static final String REASONS =
      Arrays.stream(Reason.values()).map(Reason::wireName).collect(Collectors.joining(", "));
  private static final String AGREEMENTS =
      Arrays.stream(Agreement.values()).map(Agreement::wireName).collect(Collectors.joining(", "));

  private Params() {}

  static MessageQuery messageQuery(RoutingContext ctx) {
    Map<String, String> query = query(ctx, MESSAGE_QUERY);
    return filters(query, optional(query, "limit").map(Params::limit).orElse(MessageQuery.DEFAULT_LIMIT),
        optional(query, "cursor").map(Params::cursor).orElse(null));
  }

  /** The event stream's filters (no paging) and how many past changes to replay first. */
  record EventQuery(MessageQuery filter, int replay) {}

  static EventQuery eventQuery(RoutingContext ctx) {
    Map<String, String> query = query(ctx, EVENT_QUERY);
    return new EventQuery(filters(query, MessageQuery.DEFAULT_LIMIT, null),
        optional(query, "replay").map(Params::replay).orElse(EventFeed.DEFAULT_REPLAY));
  }

  /** The series' buckets: {@code steps} of {@code stepMinutes} minutes each. */
  record SeriesQuery(int stepMinutes, int steps) {}

  /** {@code window} (default 1h, at most 24h) in {@code step}s (default 1m, at most 1h), both whole minutes. */
  static SeriesQuery seriesQuery(RoutingContext ctx) {
    Map<String, String> query = query(ctx, SERIES_QUERY);
    int step = optional(query, "step").map(v -> minutes("step", v, MAX_STEP_MINUTES)).orElse(1);
    int window = optional(query, "window").map(v -> minutes("window", v, MAX_WINDOW_MINUTES))
        .orElse(DEFAULT_WINDOW_MINUTES);
    if (window % step != 0) {
      throw new BadParameter("window", "must be a whole number of steps (step is " + step + "m)");
    }
    return new SeriesQuery(step, window / step);
  }

  private static int minutes(String name, String value, int max) {
    Matcher m = DURATION.matcher(value);
    long seconds = m.matches() ? Long.parseLong(m.group(1)) * switch (m.group(2)) {
      case "s" -> 1;
      case "m" -> 60;
      default -> 3600;
    } : -1;
    if (seconds < 60 || seconds % 60 != 0 || seconds / 60 > max) {
      throw new BadParameter(name, "must be whole minutes from 1m to " + (max % 60 == 0 ? max / 60 + "h" : max + "m")
          + " (units s, m or h, e.g. " + (name.equals("step") ? "5m" : "1h") + ")");
    }
    return (int) (seconds / 60);
  }

  private static MessageQuery filters(Map<String, String> query, int limit, MessageCursor after) {
    Optional<Long> since = optional(query, "since").map(v -> time("since", v));
    Optional<Long> until = optional(query, "until").map(v -> time("until", v));
    if (since.isPresent() && until.isPresent() && since.get() > until.get()) {
      throw new BadParameter("until", "must not be before since");
    }
    return new MessageQuery(
        optional(query, "status").map(Params::status),
        optional(query, "executingChainId").map(v -> chainId("executingChainId", v)),
        optional(query, "initiatingChainId").map(v -> chainId("initiatingChainId", v)),
        optional(query, "reason").map(Params::reason),
        optional(query, "safety").map(Params::safety),
        optional(query, "final").map(Params::isFinal),
        since, until,
        optional(query, "txHash").map(Params::txHash),
        optional(query, "agreement").map(Params::agreement),
        limit, after);
  }

  /** Refuses any query parameter: endpoints without filters say so instead of ignoring them. */
  static void noQuery(RoutingContext ctx) {
    query(ctx, List.of());
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
        throw new BadParameter(name, allowed.isEmpty() ? "unknown parameter (this endpoint takes none)"
            : "unknown parameter (expected " + String.join(", ", allowed) + ")");
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

  private static Reason reason(String value) {
    try {
      return Reason.fromWireName(value);
    } catch (IllegalArgumentException e) {
      throw new BadParameter("reason", "must be one of " + REASONS);
    }
  }

  private static Safety safety(String value) {
    for (Safety s : Safety.values()) {
      if (s.wireName().equals(value)) {
        return s;
      }
    }
    throw new BadParameter("safety", "must be one of " + SAFETIES);
  }

  private static Agreement agreement(String value) {
    try {
      return Agreement.fromWireName(value);
    } catch (IllegalArgumentException e) {
      throw new BadParameter("agreement", "must be one of " + AGREEMENTS);
    }
  }

  private static boolean isFinal(String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new BadParameter("final", "must be true or false");
    };
  }

  /** Unix seconds (as executingTimestamp is shown) or an ISO-8601 instant such as 2025-03-01T12:00:00Z. */
  private static long time(String name, String value) {
    try {
      if (DECIMAL.matcher(value).matches()) {
        return Long.parseLong(value);
      }
      return Instant.parse(value).getEpochSecond();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new BadParameter(name, "must be unix seconds or an ISO-8601 instant (2025-03-01T12:00:00Z)");
    }
  }

  private static Hash32 txHash(String value) {
    if (!TX_HASH.matcher(value).matches()) {
      throw new BadParameter("txHash", "must be 0x followed by 64 hex digits");
    }
    return Hash32.parse(value.toLowerCase(Locale.ROOT), "txHash");
  }

  private static int replay(String value) {
    long replay = DECIMAL.matcher(value).matches() ? parseLong(value) : -1;
    if (replay < 0 || replay > MAX_REPLAY) {
      throw new BadParameter("replay", "must be an integer in 0.." + MAX_REPLAY);
    }
    return (int) replay;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
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
