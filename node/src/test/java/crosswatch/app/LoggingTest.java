package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import crosswatch.config.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoggingTest {
  private static final String SECRET_RPC = "https://alice:s3cret@127.0.0.1:1/v2/KEY123?apikey=abc";
  @TempDir Path dataDir;

  @AfterEach
  void backToTheDefault() {
    Logging.use(LogFormat.KV);
  }

  /** Runs {@code body} with the console going to a buffer; logback's console appender writes to System.out. */
  private static String console(LogFormat format, ThrowingRunnable body) throws Exception {
    PrintStream original = System.out;
    var buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      Logging.use(format);
      body.run();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private String runNodeAndFailOnce(LogFormat format) throws Exception {
    return console(format, () -> {
      try (var node = new Node(NodeConfigs.config(SECRET_RPC, 0, dataDir))) {
        node.start();
      }
      LoggerFactory.getLogger("crosswatch.test").error("probe failed chainId={}", 901,
          new IllegalStateException("first line\nsecond line"));
    });
  }

  @ParameterizedTest
  @EnumSource(LogFormat.class)
  void everyEventIsOneLineEvenWithAStackTrace(LogFormat format) throws Exception {
    List<String> lines = runNodeAndFailOnce(format).lines().toList();

    assertThat(lines).filteredOn(l -> l.contains("node started")).hasSize(1);
    assertThat(lines).filteredOn(l -> l.contains("node stopped")).hasSize(1);
    assertThat(lines).filteredOn(l -> l.contains("probe failed")).singleElement()
        .satisfies(l -> assertThat(l).contains("first line").contains("second line").contains("LoggingTest"));
    for (String line : lines) {
      if (format == LogFormat.KV) {
        assertThat(line).matches("ts=\\S+Z level=(INFO|WARN|ERROR) logger=\\S+ thread=.*");
      } else {
        JsonNode event = JsonMapper.builder().build().readTree(line);
        assertThat(event.has("message") && event.has("level") && event.has("@timestamp")).as(line).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(LogFormat.class)
  void theConfigurationLoadsWithoutWarningsSoLogbackPrintsNoStatusDump(LogFormat format) {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    long before = System.currentTimeMillis();

    Logging.use(format);

    assertThat(new StatusUtil(context).getHighestLevel(before)).isLessThan(Status.WARN);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()).toIterable().hasSize(1);
  }

  /** What a library does that logs the URL it was given: in its message, its arguments and its exceptions. */
  @ParameterizedTest
  @EnumSource(LogFormat.class)
  void aUrlLoggedByALibraryIsRedactedInMessageArgumentsAndStackTrace(LogFormat format) throws Exception {
    String console = console(format, () -> {
      LoggerFactory.getLogger("org.java_websocket.client.WebSocketClient").error(
          "WebSocket connection to " + SECRET_RPC + " failed, retrying {}", SECRET_RPC,
          new java.net.ConnectException("Connection refused: " + SECRET_RPC));
      java.util.logging.Logger.getLogger("jdk.internal.httpclient.debug").severe("HttpClient: " + SECRET_RPC);
    });

    assertThat(console).contains("WebSocket connection to https://127.0.0.1:1 failed", "HttpClient: https://127.0.0.1:1")
        .doesNotContain("alice", "s3cret", "KEY123", "/v2", "apikey");
    assertThat(console.lines()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(LogFormat.class)
  void anRpcUrlIsLoggedWithoutUserinfoPathOrQuery(LogFormat format) throws Exception {
    String console = runNodeAndFailOnce(format);

    assertThat(console).contains("901=https://127.0.0.1:1")
        .doesNotContain("alice", "s3cret", "KEY123", "/v2", "apikey");
  }
}
