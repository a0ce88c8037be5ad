/**
 * Keyed state for user operators: value, list, map, reducing and aggregating state, scoped to the key of the row (or
 * timer) being processed, with an optional time-to-live. {@link io.sabot.runtime.state.KeyedStateStore} is the
 * in-memory backend; each handle reads and writes the current key's slot, so a handle is created once, not per row.
 */
package io.sabot.runtime.state;
