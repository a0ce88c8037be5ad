/**
 * Sinks: the {@link io.sabot.runtime.sink.Sink} contract and the built-in sinks (collect, callback, Arrow IPC file,
 * CSV).
 */
package io.sabot.runtime.sink;
