package crosswatch.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import crosswatch.config.LogFormat;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Points console logging at the configured format. Logback configures itself from logback.xml at the first
 * logger call; this reloads that same file with the format set, so what tests check is what the node runs. The
 * JDK's own loggers (java.util.logging, where its http client logs) are routed into logback as well, so that every
 * line goes through the same redaction of URLs.
 */
public final class Logging {
  static final String FORMAT_PROPERTY = "crosswatch.log.format";

  private Logging() {}

  public static void use(LogFormat format) {
    var context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.putProperty(FORMAT_PROPERTY, format.wireName());
    var configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(Logging.class.getResource("/logback.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("logback.xml is broken", e);
    }
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
