/**
 * Checkpoints: consistent snapshots of a running job (operator state, source positions, sink transactions) taken
 * with barriers, stored in a local directory, and restored after a failure or from a savepoint.
 *
 * <pre>
 *   checkpoint directory/
 *     chk-000042/                       one completed checkpoint (or a savepoint directory)
 *       _metadata                       written last, atomically: present = complete
 *       s&lt;stage&gt;-o&lt;op&gt;-i&lt;instance&gt;/   one directory per operator instance, written by its {@link OperatorSnapshot}
 *       sources                         per source stage: every split and its position
 *       sinks                           per sink: the pre-committed transactions of every writer
 *     shared/                           files referenced by several checkpoints (incremental RocksDB SST files)
 * </pre>
 *
 * The contract for operators is {@link io.sabot.runtime.operator.CheckpointedOperator}; for sources
 * {@link io.sabot.runtime.source.CheckpointedSource}; for sinks {@link io.sabot.runtime.sink.TransactionalSink}.
 */
package io.sabot.runtime.checkpoint;
