package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.AccessListObject;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.utils.Numeric;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class ExecutingMessagesTest {
  private static final String EXECUTING_MESSAGE_TOPIC0 =
      "0x5c37832d2e8d10e346e55ad62071a6a2f9fa5130614ef2ec6617555c6f467ba7";

  private Devnet devnet;
  private DevnetChain chain;
  private InitiatingLog initiating;

  @BeforeAll
  void startChain() {
    devnet = Devnet.start(901);
    chain = devnet.chain(901);
    initiating = chain.emitInitiating(List.of(Hash.sha3String("ping")), "0x0102");
  }

  @AfterAll
  void stopChain() {
    devnet.close();
  }

  @Nested
  class TheLog {
    @Test
    void hasTopic0AndTheMessageHashAnd160BytesThatDecodeToTheIdentifier() {
      ExecSpec spec = new ExecSpec("0x00000000000000000000000000000000000000ab", BigInteger.valueOf(4509),
          BigInteger.valueOf(7), BigInteger.valueOf(1_730_467_171), BigInteger.valueOf(900_200),
          Hash.sha3String("payload"));

      ExecutingReceipt receipt = chain.emitExecuting(List.of(spec));

      Log log = ServedLogs.at(chain, receipt.blockHash(), receipt.logIndexes().getFirst());
      assertThat(log.getAddress()).isEqualTo(Inbox.ADDRESS);
      assertThat(log.getTopics()).containsExactly(EXECUTING_MESSAGE_TOPIC0, spec.msgHash());
      assertThat(Numeric.hexStringToByteArray(log.getData())).hasSize(160);
      assertThat(decodeIdentifier(log.getData())).containsExactly(spec.origin(), spec.blockNumber(),
          spec.logIndex(), spec.timestamp(), spec.chainId());
    }

    @Test
    void theTopicConstantIsTheProtocolsTopic0() {
      assertThat(Inbox.EXECUTING_MESSAGE_TOPIC).isEqualTo(EXECUTING_MESSAGE_TOPIC0);
    }

    @Test
    void carriesIdentifierNumbersBeyondUint64Unchanged() {
      BigInteger huge = BigInteger.ONE.shiftLeft(255).add(BigInteger.valueOf(901));
      ExecSpec spec = ExecSpec.of(initiating).withChainId(huge).withBlockNumber(huge);

      ExecutingReceipt receipt = chain.emitExecuting(List.of(spec));

      Log log = ServedLogs.at(chain, receipt.blockHash(), receipt.logIndexes().getFirst());
      assertThat(decodeIdentifier(log.getData())).containsExactly(spec.origin(), huge, spec.logIndex(),
          spec.timestamp(), huge);
    }
  }

  @Nested
  class ManyInOneBlock {
    @Test
    void fiveHundredMessagesFitInOneCall() {
      List<ExecSpec> specs = distinctSpecs(500);

      ExecutingReceipt receipt = chain.emitExecuting(specs);

      assertThat(receipt.logIndexes()).hasSize(500).doesNotHaveDuplicates();
      List<Log> served = inboxLogs(receipt.blockHash());
      assertThat(served).hasSize(500);
      assertThat(served).extracting(log -> log.getTopics().get(1))
          .containsExactlyElementsOf(specs.stream().map(ExecSpec::msgHash).toList());
    }

    @Test
    void fiveHundredMessagesFromSeveralTransactionsMinedTogether() {
      List<ExecSpec> specs = distinctSpecs(500);
      List<String> txHashes = new ArrayList<>();
      chain.setAutomine(false);
      try {
        for (int from = 0; from < specs.size(); from += 125) {
          txHashes.add(chain.submitExecuting(specs.subList(from, from + 125), List.of()));
        }
        chain.mine(1);
      } finally {
        chain.setAutomine(true);
      }

      List<ExecutingReceipt> receipts = txHashes.stream().map(chain::executingReceipt).toList();
      assertThat(receipts).extracting(ExecutingReceipt::blockHash).containsOnly(receipts.getFirst().blockHash());
      assertThat(inboxLogs(receipts.getFirst().blockHash())).hasSize(500);
    }
  }

  @Nested
  class AccessList {
    @Test
    void theTransactionCarriesTheGivenStorageKeysUnderTheInboxAddress() throws Exception {
      List<String> keys = List.of(Hash.sha3String("lookup"), Hash.sha3String("checksum"));

      ExecutingReceipt receipt = chain.emitExecuting(List.of(ExecSpec.of(initiating)), keys);

      Transaction tx = chain.web3j().ethGetTransactionByHash(receipt.txHash()).send().getTransaction().orElseThrow();
      assertThat(tx.getAccessList()).containsExactly(new AccessListObject(Inbox.ADDRESS, keys));
    }

    @Test
    void isAbsentWhenNoKeysAreGiven() throws Exception {
      ExecutingReceipt receipt = chain.emitExecuting(List.of(ExecSpec.of(initiating)));

      Transaction tx = chain.web3j().ethGetTransactionByHash(receipt.txHash()).send().getTransaction().orElseThrow();
      assertThat(tx.getAccessList()).isNullOrEmpty();
    }
  }

  @Nested
  class RawInboxLogs {
    @Test
    void everyMalformedVariantReachesTheChainAsBuilt() {
      for (Malformed variant : Malformed.values()) {
        RawLog raw = variant.log(ExecSpec.of(initiating));

        ExecutingReceipt receipt = chain.emitRawInboxLog(raw);

        Log log = ServedLogs.at(chain, receipt.blockHash(), receipt.logIndexes().getFirst());
        assertThat(log.getAddress()).as(variant.name()).isEqualTo(Inbox.ADDRESS);
        assertThat(log.getTopics()).as(variant.name()).isEqualTo(raw.topics());
        assertThat(log.getData()).as(variant.name()).isEqualTo(raw.data());
      }
    }
  }

  private List<ExecSpec> distinctSpecs(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> ExecSpec.of(initiating).withMsgHash(Hash.sha3String("message " + i)))
        .toList();
  }

  private List<Log> inboxLogs(String blockHash) {
    return ServedLogs.inBlock(chain, blockHash).stream()
        .filter(log -> log.getAddress().equals(Inbox.ADDRESS))
        .toList();
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Object> decodeIdentifier(String data) {
    List<TypeReference<Type>> types = (List) List.of(new TypeReference<Address>() {}, new TypeReference<Uint256>() {},
        new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {});
    return FunctionReturnDecoder.decode(data, types).stream().map(Type::getValue).map(v -> (Object) v).toList();
  }
}
