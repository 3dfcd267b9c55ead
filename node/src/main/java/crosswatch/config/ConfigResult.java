package crosswatch.config;

/** What loading the configuration gave: a configuration, a request for help, or the reason it was refused. */
public sealed interface ConfigResult {

  record Loaded(Config config) implements ConfigResult {}

  record HelpRequested(String text) implements ConfigResult {}

  record Refused(ConfigError error) implements ConfigResult {}
}
