/**
 * The local executor: runs a physical plan's stages on the morsel scheduler. Source stages run morsel by morsel on
 * per-worker operator chains; exchange-fed stages are mailbox-driven instances; exchanges hash-partition, gather,
 * forward or broadcast batches between them. Nothing blocks a worker. Processing-time wake-ups come from one
 * {@link io.sabot.runtime.exec.ProcessingTimeService} per job and run on each instance's driving thread.
 */
package io.sabot.runtime.exec;
