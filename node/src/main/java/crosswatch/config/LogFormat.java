package crosswatch.config;

/** How log events are written to the console: one line per event either way. */
public enum LogFormat {
  KV("kv"),
  JSON("json");

  private final String wireName;

  LogFormat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
