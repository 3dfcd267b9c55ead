package crosswatch.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * Wraps the console's encoder (either log format) and redacts every URL in what it writes, whoever logged it and
 * wherever it sits (message, arguments, exception messages, stack traces): defense in depth behind
 * {@code ChainEndpoint.display()}, for libraries that log URLs they were given.
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> {
  private Encoder<ILoggingEvent> encoder;

  /** The encoder whose output is redacted; set from the logback configuration. */
  public void setEncoder(Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  @Override
  public void start() {
    if (encoder == null) {
      addError("no encoder to redact");
      return;
    }
    if (!encoder.isStarted()) {
      encoder.start();
    }
    super.start();
  }

  @Override
  public void stop() {
    encoder.stop();
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return redact(encoder.headerBytes());
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return redact(encoder.encode(event));
  }

  @Override
  public byte[] footerBytes() {
    return redact(encoder.footerBytes());
  }

  private static byte[] redact(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    String redacted = UrlRedaction.redact(text);
    return redacted == text ? bytes : redacted.getBytes(StandardCharsets.UTF_8);
  }
}
