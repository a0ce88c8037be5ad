/**
 * JMH benchmarks of radix sort indices and top-N beside Arrays.sort and a boxed comparison sort.
 */
package io.sabot.bench.sort;
