/**
 * The OP Stack interop rules as pure code: decoding {@code ExecutingMessage} logs, message and log hashes,
 * access-list entries, and the verdict function. Nothing here does I/O, logs or reads a clock.
 */
package crosswatch.protocol;
