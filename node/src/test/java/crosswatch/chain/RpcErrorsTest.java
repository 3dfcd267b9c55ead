package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.protocol.core.Response;

class RpcErrorsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      -32005 | daily request count exceeded, request rate limited      | RATE_LIMITED
      -32005 | limit exceeded                                          | RATE_LIMITED
      -32005 |                                                         | RATE_LIMITED
      -32029 | anything                                                | RATE_LIMITED
         429 | Your app has exceeded its compute units per second      | RATE_LIMITED
      -32000 | Too Many Requests                                       | RATE_LIMITED
      -32603 | rate limit reached, retry later                         | RATE_LIMITED
      -32005 | query returned more than 10000 results                  | ERROR
      -32005 | query exceeds max block range 64                        | ERROR
      -32000 | header not found                                        | ERROR
      -32602 | invalid params                                          | ERROR
      -32000 | too many results; rate limit of 10000 logs per query    | ERROR
      """)
  void anErrorObjectIsARateLimitOrARefusal(int code, String message, RpcFailure.Kind kind) {
    RpcFailure failure = RpcErrors.failure(new Response.Error(code, message));

    assertThat(failure.kind()).isEqualTo(kind);
    assertThat(failure.getMessage()).as("the node's text is never shown").contains(Integer.toString(code))
        .doesNotContain(message == null ? "\u0000" : message);
  }

  /** Infura names the wait in {@code data.backoff_seconds}; too long a wait is capped, nonsense is no wait. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
      {"see":"https://x.example/v3/KEY","backoff_seconds":3} | 3000
      {"backoff_seconds":0.5}                                | 500
      {"retry_after":2}                                      | 2000
      {"backoff_seconds":86400}                              | 30000
      {"backoff_seconds":-1}                                 | none
      {"backoff_seconds":"soon"}                             | none
      "just text"                                            | none
      not json                                               | none
      """)
  void aRateLimitWaitsAsLongAsItsDataSays(String data, Long millis) {
    var error = new Response.Error(-32005, "request rate exceeded");
    error.setData(data);

    RpcFailure failure = RpcErrors.failure(error);

    assertThat(failure.kind()).isEqualTo(RpcFailure.Kind.RATE_LIMITED);
    assertThat(failure.retryAfter()).isEqualTo(java.util.Optional.ofNullable(millis).map(Duration::ofMillis));
    assertThat(failure.getMessage()).doesNotContain("KEY", "example");
  }
}
