/**
 * Benchmarks of the expression JIT ({@code udf-jit}): the compiled filter beside a hand-written Vector API kernel and
 * the interpreter, a lambda UDF beside a hand-written loop and the naive per-row Arrow-getter loop, and compile
 * latency (new shape, cache hit). The figures are ratios within one run; {@code docs/BENCHMARKS.md} has them.
 */
package io.sabot.bench.jit;
