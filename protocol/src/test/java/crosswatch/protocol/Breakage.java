package crosswatch.protocol;

import crosswatch.protocol.DependencySet.ChainDependency;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The closed set of ways to break one thing about a valid {@link Fixture}, each with the one reason it must be
 * judged invalid for. {@code n} is a random non-negative number each breakage folds into its own range, so a
 * single property explores every breakage at many sizes. Verdicts go through web3j ABI encoding and the decoder.
 */
enum Breakage {
  IDENTIFIER_CHAIN_UNKNOWN(Reason.UNKNOWN_CHAIN) {
    @Override
    Verdict judge(Fixture f, long n) {
      BigInteger absent = Stream.of(BigInteger.ONE, BigInteger.TWO, BigInteger.TEN)
          .filter(id -> f.dependencies().chain(id).isEmpty()).findFirst().orElseThrow();
      return f.withIdentifierChainId(absent).verdictThroughLog();
    }
  },
  EXECUTING_CHAIN_UNKNOWN(Reason.UNKNOWN_CHAIN) {
    @Override
    Verdict judge(Fixture f, long n) {
      return f.withoutChain(f.executingChainId()).verdictThroughLog();
    }
  },
  INITIATING_CHAIN_NOT_YET_ACTIVE(Reason.INTEROP_INACTIVE) {
    @Override
    Verdict judge(Fixture f, long n) {
      return f.activating(initiatingChain(f).chainId(), initiatedAt(f) + 1 + n % 1_000_000).verdictThroughLog();
    }
  },
  INITIATING_LOG_IN_ACTIVATION_BLOCK(Reason.INTEROP_INACTIVE) {
    @Override
    Verdict judge(Fixture f, long n) {
      ChainDependency chain = initiatingChain(f);
      return f.activating(chain.chainId(), initiatedAt(f) - n % chain.blockTimeSeconds()).verdictThroughLog();
    }
  },
  EXECUTING_CHAIN_NOT_YET_ACTIVE(Reason.INTEROP_INACTIVE) {
    @Override
    Verdict judge(Fixture f, long n) {
      return f.activating(f.executingChainId(), f.executingTimestamp() + 1 + n % 1_000_000).verdictThroughLog();
    }
  },
  EXECUTED_IN_ACTIVATION_BLOCK(Reason.INTEROP_INACTIVE) {
    @Override
    Verdict judge(Fixture f, long n) {
      ChainDependency chain = executingChain(f);
      return f.activating(chain.chainId(), f.executingTimestamp() - n % chain.blockTimeSeconds()).verdictThroughLog();
    }
  },
  INITIATED_AFTER_EXECUTING(Reason.INITIATED_AFTER_EXECUTING) {
    @Override
    Verdict judge(Fixture f, long n) {
      // Stay at or after the executing chain's first block past activation, so only this rule breaks.
      ChainDependency chain = executingChain(f);
      long room = initiatedAt(f) - chain.activationTimestamp() - chain.blockTimeSeconds();
      return f.executingAt(initiatedAt(f) - 1 - n % room).verdictThroughLog();
    }
  },
  EXPIRED(Reason.EXPIRED) {
    @Override
    Verdict judge(Fixture f, long n) {
      return f.executingAt(initiatedAt(f) + f.dependencies().expiryWindowSeconds() + 1 + n % 1_000_000)
          .verdictThroughLog();
    }
  },
  BLOCK_TIMESTAMP_DIFFERS(Reason.TIMESTAMP_MISMATCH) {
    @Override
    Verdict judge(Fixture f, long n) {
      long shift = 1 + n % 1000;
      return f.withBlockTimestamp(initiatedAt(f) + (n % 2 == 0 ? shift : -shift)).verdictThroughLog();
    }
  },
  INITIATING_LOG_GONE(Reason.LOG_MISSING) {
    @Override
    Verdict judge(Fixture f, long n) {
      long target = f.identifier().logIndex().longValueExact();
      return f.withLogs(f.block().logs().stream().filter(l -> l.logIndex() != target).toList()).verdictThroughLog();
    }
  },
  LOG_INDEX_PAST_THE_BLOCK(Reason.LOG_MISSING) {
    @Override
    Verdict judge(Fixture f, long n) {
      long last = f.block().logs().getLast().logIndex();
      return f.withIdentifierLogIndex(BigInteger.valueOf(last + 1 + n % 1000)).verdictThroughLog();
    }
  },
  OTHER_ORIGIN(Reason.ORIGIN_MISMATCH) {
    @Override
    Verdict judge(Fixture f, long n) {
      byte[] origin = Abi.bytes(f.identifier().origin());
      origin[(int) (n % 20)] ^= (byte) (1 + n % 255);
      return f.withOrigin(Abi.hex(origin)).verdictThroughLog();
    }
  },
  OTHER_MSG_HASH(Reason.PAYLOAD_MISMATCH) {
    @Override
    Verdict judge(Fixture f, long n) {
      return f.withMsgHash(Abi.keccak(Abi.bytes(f.message().msgHash()))).verdictThroughLog();
    }
  },
  OTHER_LOG_DATA(Reason.PAYLOAD_MISMATCH) {
    @Override
    Verdict judge(Fixture f, long n) {
      long target = f.identifier().logIndex().longValueExact();
      List<LogEntry> logs = f.block().logs().stream()
          .map(l -> l.logIndex() != target ? l : Fixture.log(l.address(), target, l.topics(),
              l.data() + Abi.hex(new byte[] {(byte) n}).substring(2)))
          .toList();
      return f.withLogs(logs).verdictThroughLog();
    }
  },
  EXTRA_TOPIC(Reason.MALFORMED_EVENT) {
    @Override
    Verdict judge(Fixture f, long n) {
      List<String> topics = new ArrayList<>(Abi.executingTopics(f.message().msgHash()));
      topics.add(Fixture.word((int) n));
      return f.verdictOf(topics, Abi.identifierData(f.identifier()));
    }
  },
  MSG_HASH_TOPIC_MISSING(Reason.MALFORMED_EVENT) {
    @Override
    Verdict judge(Fixture f, long n) {
      return f.verdictOf(Abi.executingTopics(f.message().msgHash()).subList(0, 1), Abi.identifierData(f.identifier()));
    }
  },
  OTHER_EVENT_SIGNATURE(Reason.MALFORMED_EVENT) {
    @Override
    Verdict judge(Fixture f, long n) {
      return f.verdictOf(List.of(Fixture.word((int) n), f.message().msgHash()), Abi.identifierData(f.identifier()));
    }
  },
  DATA_LENGTH(Reason.MALFORMED_EVENT) {
    @Override
    Verdict judge(Fixture f, long n) {
      String data = Abi.identifierData(f.identifier());
      int bytes = (int) (1 + n % 32);
      String changed = n % 2 == 0 ? data + "ab".repeat(bytes) : data.substring(0, data.length() - 2 * bytes);
      return f.verdictOf(Abi.executingTopics(f.message().msgHash()), changed);
    }
  },
  PADDING(Reason.MALFORMED_EVENT) {
    @Override
    Verdict judge(Fixture f, long n) {
      int[] paddingBytes = {12, 24, 28, 24};
      int field = (int) (n % 4);
      byte[] data = Abi.bytes(Abi.identifierData(f.identifier()));
      data[32 * field + (int) (n / 4 % paddingBytes[field])] = (byte) (1 + n % 255);
      return f.verdictOf(Abi.executingTopics(f.message().msgHash()), Abi.hex(data));
    }
  };

  final Reason expected;

  Breakage(Reason expected) {
    this.expected = expected;
  }

  abstract Verdict judge(Fixture valid, long n);

  private static long initiatedAt(Fixture f) {
    return f.identifier().timestamp().longValueExact();
  }

  private static ChainDependency initiatingChain(Fixture f) {
    return f.dependencies().chain(f.identifier().chainId()).orElseThrow();
  }

  private static ChainDependency executingChain(Fixture f) {
    return f.dependencies().chain(f.executingChainId()).orElseThrow();
  }
}
