/**
 * Sinks: the {@link io.sabot.runtime.sink.Sink} contract and the built-in sinks, created through
 * {@link io.sabot.runtime.sink.Sinks}: collect (rows as Java values, see {@link io.sabot.runtime.sink.ArrowValues}),
 * callback (borrowed batches, serialized calls), Arrow IPC files and CSV files (written under temporary names, renamed
 * on commit, deleted on abort).
 *
 * <p>Shared rules: writers take ownership of every batch written and close it; batches may carry a selection, which
 * every sink honours.
 */
package io.sabot.runtime.sink;
