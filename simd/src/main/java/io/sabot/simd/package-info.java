/**
 * Vector API primitives over {@link java.lang.foreign.MemorySegment}: reductions, comparisons into bitmaps and
 * selection vectors, compaction, gather, bitmap operations and 64-bit hashing.
 *
 * <p>Each family has a facade (e.g. {@code Reductions}) that dispatches on {@link io.sabot.simd.SimdConfig#VECTOR_ENABLED},
 * a Vector API implementation ({@code Vector*}) and a plain scalar twin ({@code Scalar*}) with identical results; tests
 * compare the two on random data. Vector code follows one shape: {@code static final} species, an unmasked main loop
 * with several accumulators, a vector tail, then a scalar tail. No masked loads, no {@code compress}: both are emulated
 * on AVX2.
 *
 * <p>This package knows nothing about Arrow. Positions and counts are in elements unless a name says bytes. Bitmaps
 * are Arrow-style: bit {@code i} is bit {@code i % 8} of byte {@code i / 8}, least significant bit first. Callers
 * guarantee the segments are large enough; the segments' own bounds checks are the last line of defence.
 */
package io.sabot.simd;
