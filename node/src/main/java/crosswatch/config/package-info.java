/**
 * The node's configuration: command-line flags, {@code CROSSWATCH_*} environment variables and an optional YAML
 * file, merged (flag over env over file) into one validated {@link crosswatch.config.Config}. Every flag is one
 * row of {@link crosswatch.config.Flags}, which {@code --help} prints. Bad configuration is a
 * {@link crosswatch.config.ConfigError}: one line naming the flag and the value, exit status 2.
 */
package crosswatch.config;
