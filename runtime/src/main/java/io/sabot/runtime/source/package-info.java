/**
 * Sources: the {@link io.sabot.runtime.source.Source} contract (schema, boundedness, splits, polled readers) and the
 * built-in sources (in-memory batches and collections, generators, Arrow IPC files and streams, CSV).
 */
package io.sabot.runtime.source;
