/**
 * Real local chains for tests and the demo: anvil processes with a stand-in CrossL2Inbox at the predeploy
 * address and an emitter of initiating messages, helpers to emit valid and deliberately broken executing
 * messages, to mine, move time and reorg, and the demo's traffic generator.
 *
 * <p>Independent of the node module (the node's tests depend on this one): it speaks JSON-RPC through web3j.
 */
package crosswatch.devnet;
