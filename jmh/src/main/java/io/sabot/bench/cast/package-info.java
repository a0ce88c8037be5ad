/**
 * JMH benchmarks of casts and utf8 parsing beside Arrow getter/setter and JDK parsing baselines.
 */
package io.sabot.bench.cast;
