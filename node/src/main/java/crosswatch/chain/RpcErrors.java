package crosswatch.chain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.web3j.protocol.core.Response;

/**
 * What a JSON-RPC error object means: a rate limit (wait, then ask the same again) or a refusal (a smaller request
 * may succeed). Providers use -32005 for both, so its message decides; the message itself is never shown.
 */
final class RpcErrors {
  /** Codes that only ever mean "slow down": http's own, and -32029 ("too many requests"). */
  private static final int HTTP_TOO_MANY_REQUESTS = 429;
  private static final int TOO_MANY_REQUESTS = -32029;
  /** -32005 ("limit exceeded") also says a request asked for too much: such an answer narrows the range. */
  private static final int LIMIT_EXCEEDED = -32005;
  private static final Pattern TOO_MUCH = Pattern.compile("more than|results|range|too large|too big|response size");
  private static final Pattern SLOW_DOWN = Pattern.compile("rate.?limit|too many requests");

  private RpcErrors() {}

  static RpcFailure failure(Response.Error error) {
    int code = error.getCode();
    String message = Optional.ofNullable(error.getMessage()).orElse("").toLowerCase(Locale.ROOT);
    boolean tooMuch = TOO_MUCH.matcher(message).find();
    if (code == HTTP_TOO_MANY_REQUESTS || code == TOO_MANY_REQUESTS || code == LIMIT_EXCEEDED && !tooMuch
        || SLOW_DOWN.matcher(message).find() && !tooMuch) {
      return RpcFailure.rateLimited("json-rpc error " + code, Optional.empty());
    }
    return RpcFailure.error(code);
  }
}
