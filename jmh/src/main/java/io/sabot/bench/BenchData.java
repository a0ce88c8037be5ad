package io.sabot.bench;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import io.sabot.kernels.ArrowMemory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;

/**
 * Seeded benchmark data, generated once on the heap and copied into Arrow vectors (for Sabot and the C reference)
 * and into DuckDB (for the peer), so every contender in a run sees the same values.
 */
public final class BenchData
{
    private BenchData()
    {
    }

    /** @return {@code n} uniformly random int64 in {@code [0, bound)} (bound {@code <= 0}: any long). */
    public static long[] longs(final int n, final long bound, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] values = new long[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = bound > 0 ? random.nextLong(bound) : random.nextLong();
        }
        return values;
    }

    /** @return {@code n} uniformly random doubles in {@code [-1000, 1000)}. */
    public static double[] doubles(final int n, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = random.nextDouble(-1000.0, 1000.0);
        }
        return values;
    }

    /** @return a Fisher-Yates shuffle of {@code 0 .. n-1} plus {@code base}. */
    public static long[] shuffledRange(final int n, final long base, final long seed)
    {
        final long[] values = new long[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = base + i;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final long t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }

    /** @return a non-null int64 vector holding {@code values}, owned by the caller. */
    public static BigIntVector bigInts(final BufferAllocator allocator, final String name, final long[] values)
    {
        final BigIntVector vector = new BigIntVector(name, allocator);
        vector.allocateNew(values.length);
        MemorySegment.copy(values, 0, ArrowMemory.segment(vector.getDataBuffer()), ValueLayout.JAVA_LONG_UNALIGNED, 0,
            values.length);
        setAllValid(vector.getValidityBuffer().capacity() == 0 ? null :
            ArrowMemory.segment(vector.getValidityBuffer()), values.length);
        vector.setValueCount(values.length);
        return vector;
    }

    /** @return a non-null float64 vector holding {@code values}, owned by the caller. */
    public static Float8Vector doubles(final BufferAllocator allocator, final String name, final double[] values)
    {
        final Float8Vector vector = new Float8Vector(name, allocator);
        vector.allocateNew(values.length);
        MemorySegment.copy(values, 0, ArrowMemory.segment(vector.getDataBuffer()), ValueLayout.JAVA_DOUBLE_UNALIGNED,
            0, values.length);
        setAllValid(vector.getValidityBuffer().capacity() == 0 ? null :
            ArrowMemory.segment(vector.getValidityBuffer()), values.length);
        vector.setValueCount(values.length);
        return vector;
    }

    /** @return a non-null boolean vector whose rows are true with probability {@code selectivity}. */
    public static BitVector randomBits(final BufferAllocator allocator, final String name, final int n,
        final double selectivity, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final BitVector vector = new BitVector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            vector.set(i, random.nextDouble() < selectivity ? 1 : 0);
        }
        vector.setValueCount(n);
        return vector;
    }

    private static void setAllValid(final MemorySegment validity, final int n)
    {
        if (validity == null)
        {
            return;
        }
        final long fullBytes = n >>> 3;
        validity.asSlice(0, fullBytes).fill((byte)0xFF);
        if ((n & 7) != 0)
        {
            validity.set(ValueLayout.JAVA_BYTE, fullBytes, (byte)((1 << (n & 7)) - 1));
        }
    }
}
