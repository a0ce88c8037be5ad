/**
 * Morsel-driven scheduling (HyPer, DuckDB): worker threads with Chase-Lev work-stealing deques run the morsels of
 * concurrent task groups with per-group backpressure, fair sharing between groups, failure/cancellation that stops a
 * group within one morsel per worker, NUMA-ordered stealing and optional pinning, and per-worker counters.
 *
 * <p>Entry points: {@link io.sabot.sched.MorselScheduler}, {@link io.sabot.sched.TaskGroup},
 * {@link io.sabot.sched.Morsel}, {@link io.sabot.sched.WorkStealingDeque}.
 */
package io.sabot.sched;
