package io.sabot.bench.agg;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import io.sabot.kernels.ArrowMemory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Builds the off-heap Arrow columns the aggregate benchmarks read: int64 in [-1000, 1000) and float64 in
 * [-1000, 1000), with an optional fraction of nulls. Not thread-safe; the caller owns and closes the vectors.
 */
final class AggData
{
    private AggData()
    {
    }

    static BigIntVector longs(final BufferAllocator allocator, final int n, final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final BigIntVector vector = new BigIntVector("l", allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (nullRatio > 0 && random.nextDouble() < nullRatio)
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, random.nextLong(-1000, 1000));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    static Float8Vector doubles(final BufferAllocator allocator, final int n, final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Float8Vector vector = new Float8Vector("d", allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (nullRatio > 0 && random.nextDouble() < nullRatio)
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, (random.nextDouble() - 0.5) * 2000.0);
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    static MemorySegment data(final org.apache.arrow.vector.FieldVector vector)
    {
        return ArrowMemory.segment(vector.getDataBuffer());
    }

    static MemorySegment validity(final org.apache.arrow.vector.FieldVector vector)
    {
        return ArrowMemory.segment(vector.getValidityBuffer());
    }

    /** Fails the run when the vector and scalar paths disagree beyond floating reassociation. */
    static void check(final String what, final double vector, final double scalar)
    {
        if (Math.abs(vector - scalar) > 1e-9 * Math.max(1.0, Math.abs(scalar)))
        {
            throw new IllegalStateException(what + ": vector " + vector + " != scalar " + scalar);
        }
    }
}
