package crosswatch.devnet;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * Signs and sends EIP-1559 transactions from anvil's first dev account. Sends are serialised per chain so
 * that each takes the next nonce, also while automine is off and earlier ones wait in the pool.
 */
final class Sender {
  // Account 0 of anvil's default mnemonic: a public test key, funded with 10000 ETH on every anvil chain.
  private static final Credentials DEV_ACCOUNT =
      Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final BigInteger MAX_FEE = Convert.toWei("100", Convert.Unit.GWEI).toBigIntegerExact();
  private static final BigInteger PRIORITY_FEE = Convert.toWei("1", Convert.Unit.GWEI).toBigIntegerExact();
  // EIP-2930 intrinsic gas, which eth_estimateGas does not see because the estimate is made without the list.
  private static final long GAS_PER_ACCESS_LIST_ADDRESS = 2_400;
  private static final long GAS_PER_STORAGE_KEY = 1_900;
  private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(30);

  private final Web3j web3j;
  private final long chainId;

  Sender(Web3j web3j, long chainId) {
    this.web3j = web3j;
    this.chainId = chainId;
  }

  static String address() {
    return DEV_ACCOUNT.getAddress();
  }

  /** Sends a call to {@code to} (or a contract creation when {@code to} is null) and returns its hash. */
  synchronized String send(String to, String data, List<AccessListObject> accessList) {
    String from = DEV_ACCOUNT.getAddress();
    BigInteger nonce = Rpc.send(web3j.ethGetTransactionCount(from, DefaultBlockParameterName.PENDING))
        .getTransactionCount();
    Transaction estimateRequest = to == null
        ? Transaction.createContractTransaction(from, nonce, null, data)
        : Transaction.createFunctionCallTransaction(from, nonce, null, null, to, data);
    BigInteger estimate = Rpc.send(web3j.ethEstimateGas(estimateRequest)).getAmountUsed();
    RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gasLimit(estimate, accessList),
        to == null ? "" : to, BigInteger.ZERO, data, PRIORITY_FEE, MAX_FEE, accessList);
    String signed = Numeric.toHexString(TransactionEncoder.signMessage(tx, DEV_ACCOUNT));
    return Rpc.send(web3j.ethSendRawTransaction(signed)).getTransactionHash();
  }

  /** Waits for the transaction to be mined (at once under automine) and insists that it succeeded. */
  TransactionReceipt receipt(String txHash) {
    TransactionReceipt receipt = Poll.until("receipt of " + txHash + " on chain " + chainId
            + " (is automine off and nothing mining?)", RECEIPT_TIMEOUT,
        () -> Rpc.send(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt());
    if (!receipt.isStatusOK()) {
      throw new IllegalStateException("transaction " + txHash + " reverted on chain " + chainId);
    }
    return receipt;
  }

  private static BigInteger gasLimit(BigInteger estimate, List<AccessListObject> accessList) {
    long listGas = accessList.stream()
        .mapToLong(entry -> GAS_PER_ACCESS_LIST_ADDRESS + GAS_PER_STORAGE_KEY * entry.getStorageKeys().size())
        .sum();
    // A quarter on top: gas is free on a devnet, and an out-of-gas revert would fail a test for the wrong reason.
    return estimate.multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4)).add(BigInteger.valueOf(listGas));
  }
}
