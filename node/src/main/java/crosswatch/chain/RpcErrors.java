package crosswatch.chain;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.web3j.protocol.core.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a JSON-RPC error object means: a rate limit (wait, then ask the same again) or a refusal (a smaller request
 * may succeed). Providers use -32005 for both, so its message decides; the message itself is never shown. A rate
 * limit may say in its {@code data} how long to wait ({@code backoff_seconds}, as Infura does).
 */
final class RpcErrors {
  /** Codes that only ever mean "slow down": http's own, and -32029 ("too many requests"). */
  private static final int HTTP_TOO_MANY_REQUESTS = 429;
  private static final int TOO_MANY_REQUESTS = -32029;
  /** -32005 ("limit exceeded") also says a request asked for too much: such an answer narrows the range. */
  private static final int LIMIT_EXCEEDED = -32005;
  private static final Pattern TOO_MUCH = Pattern.compile("more than|results|range|too large|too big|response size");
  private static final Pattern SLOW_DOWN = Pattern.compile("rate.?limit|too many requests");
  /** Fields of {@code data} that name the wait in seconds. */
  private static final List<String> WAIT_FIELDS = List.of("backoff_seconds", "retry_after",
      "retryAfter");

  private RpcErrors() {}

  static RpcFailure failure(Response.Error error) {
    int code = error.getCode();
    String message = Optional.ofNullable(error.getMessage()).orElse("").toLowerCase(Locale.ROOT);
    boolean tooMuch = TOO_MUCH.matcher(message).find();
    if (code == HTTP_TOO_MANY_REQUESTS || code == TOO_MANY_REQUESTS || code == LIMIT_EXCEEDED && !tooMuch
        || SLOW_DOWN.matcher(message).find() && !tooMuch) {
      return RpcFailure.rateLimited("json-rpc error " + code, askedWait(error.getData()));
    }
    return RpcFailure.error(code);
  }

  /** The wait a rate limit's {@code data} asks for, at most {@link RetryAfter#MAX}; empty when it names none. */
  static Optional<Duration> askedWait(String data) {
    if (data == null || data.isBlank()) {
      return Optional.empty();
    }
    JsonNode tree;
    try {
      tree = JsonRpcCodec.JSON.readTree(data);
    } catch (JacksonException e) {
      return Optional.empty();
    }
    for (String field : WAIT_FIELDS) {
      JsonNode seconds = tree == null ? null : tree.get(field);
      if (seconds != null && seconds.isNumber() && seconds.asDouble() >= 0) {
        return Optional.of(Duration.ofMillis(Math.round(Math.min(seconds.asDouble(), RetryAfter.MAX.toSeconds())
            * 1000)));
      }
    }
    return Optional.empty();
  }
}
