/**
 * The process: {@link crosswatch.app.Main} parses and checks the configuration, then {@link crosswatch.app.Node}
 * wires and starts the parts (metrics, store, checkpoints, pipeline, HTTP) and stops them in reverse order.
 * Nothing imports this package.
 */
package crosswatch.app;
