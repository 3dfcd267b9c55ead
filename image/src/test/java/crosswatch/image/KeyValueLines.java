package crosswatch.image;

import java.util.regex.Pattern;

/** The node's key=value log line (node/src/main/resources/logback-kv.xml), which the demo and scripts use too. */
final class KeyValueLines {
  static final Pattern EVENT =
      Pattern.compile("ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=(TRACE|DEBUG|INFO|WARN|ERROR) "
          + "logger=\\S+ thread=\\S.*");

  private KeyValueLines() {}
}
