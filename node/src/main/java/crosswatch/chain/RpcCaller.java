package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.util.List;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * Sends one chain's round trips: through one endpoint ({@link RpcClient}), or through the first of several that
 * answers ({@link Endpoints}).
 */
interface RpcCaller extends AutoCloseable {

  long chainId();

  <T> T call(List<Request<?, ? extends Response<?>>> requests, RpcClient.Reader<T> reader) throws ChainUnavailable;

  /**
   * Like {@link #call}, but a refusal (the node limits work) is not retried: the caller asks for less instead, and
   * learns how long the node took to answer, to ask for less before it refuses.
   */
  <T> RpcClient.Answer<T> callOrRefuse(List<Request<?, ? extends Response<?>>> requests, RpcClient.Reader<T> reader)
      throws ChainUnavailable;

  @Override
  void close();
}
