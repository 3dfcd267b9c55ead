package crosswatch.chain;

import crosswatch.metrics.RpcMeters;
import crosswatch.metrics.RpcOutcome;
import java.util.List;

/**
 * A call a transport makes on its own (the chain id check, subscribing, unsubscribing), outside {@link RpcClient}:
 * counted and timed like every other call.
 */
final class OwnCall {
  private OwnCall() {}

  @FunctionalInterface
  interface Body<T> {
    T run() throws RpcFailure;
  }

  static <T> T counted(RpcMeters meters, String method, Body<T> body) throws RpcFailure {
    long start = System.nanoTime();
    try {
      T value = body.run();
      meters.record(List.of(method), RpcOutcome.OK, System.nanoTime() - start);
      return value;
    } catch (RpcFailure e) {
      meters.record(List.of(method), e.kind().outcome(), System.nanoTime() - start);
      throw e;
    }
  }
}
