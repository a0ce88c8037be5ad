/**
 * The Stream API: {@link io.sabot.runtime.api.StreamEnvironment} (workers, memory, execution),
 * {@link io.sabot.runtime.api.DataStream} (fluent transforms that build a logical plan),
 * {@link io.sabot.runtime.api.KeyedStream} and {@link io.sabot.runtime.api.Agg} (aggregation), and
 * {@link io.sabot.runtime.api.RunningJob}. One API for bounded and unbounded input.
 */
package io.sabot.runtime.api;
