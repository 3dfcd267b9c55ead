package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;

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
}
