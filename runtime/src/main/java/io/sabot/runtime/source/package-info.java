/**
 * Sources: the {@link io.sabot.runtime.source.Source} contract (schema, boundedness, splits, polled readers) and the
 * built-in sources, created through {@link io.sabot.runtime.source.Sources}: in-memory batches (zero-copy slices)
 * and Java rows/records, generators (bounded or unbounded, sharded, rate-limited), Arrow IPC files and streams (read
 * through the io_uring block reader where available, see {@link io.sabot.runtime.source.IoBackend}) and CSV (explicit
 * or inferred schema, typed errors or a dead-letter consumer for bad rows).
 *
 * <p>Shared rules: sources are immutable and thread-safe; readers are used by one thread at a time, never block, and
 * hand out batches the caller owns; a reader that throws a typed error ({@link io.sabot.common.SchemaException},
 * {@link io.sabot.common.MalformedInputException}, {@link io.sabot.common.SabotIoException}) has already returned
 * every good batch before it, and those stay valid after the reader is closed.
 */
package io.sabot.runtime.source;
