package crosswatch.chain;

import java.util.List;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/** One JSON-RPC connection: sends requests as one round trip, a batch when there are several. */
interface Transport extends AutoCloseable {

  /** The answers in request order; an attempt that fails in any way is an {@link RpcFailure}. */
  List<Response<?>> send(List<Request<?, ? extends Response<?>>> requests) throws RpcFailure;

  @Override
  void close();
}
