/**
 * JMH benchmarks of the hash join probe beside a java.util.HashMap baseline.
 */
package io.sabot.bench.join;
