package crosswatch.judge;

/**
 * A chain's RPC gave no usable answer (timeout, connection failure, error object, garbled JSON) after its bounded
 * retries. It is the failure of every port the judge reads chains through, and it never becomes a verdict: the
 * messages that needed the answer stay pending.
 */
public final class ChainUnavailable extends Exception {
  private final long chainId;

  public ChainUnavailable(long chainId, String message, Throwable cause) {
    super("chainId=" + chainId + " " + message, cause);
    this.chainId = chainId;
  }

  public long chainId() {
    return chainId;
  }
}
