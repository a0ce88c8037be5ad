package io.sabot.bench.jit;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hand-written baselines the JIT is measured against: what a Java engineer fluent in the Vector API would write
 * for one fixed expression over non-null float64 columns. No nulls, no selections, no generality.
 *
 * <p>Thread-safety: stateless.
 */
final class HandWrittenKernels
{
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private HandWrittenKernels()
    {
    }

    /**
     * Positions of rows where {@code a * b + c > t}: 64 rows per word of compare masks, then the set bits.
     *
     * @return the number of positions written to {@code out}.
     */
    static int filterMulAddGreater(final MemorySegment a, final MemorySegment b, final MemorySegment c, final double t,
        final int n, final MemorySegment out)
    {
        final DoubleVector vt = DoubleVector.broadcast(D, t);
        int k = 0;
        int i = 0;
        for (; i + 64 <= n; i += 64)
        {
            long word = 0;
            for (int j = 0; j < 64; j += 4)
            {
                final long at = (long)(i + j) << 3;
                final DoubleVector va = DoubleVector.fromMemorySegment(D, a, at, ByteOrder.LITTLE_ENDIAN);
                final DoubleVector vb = DoubleVector.fromMemorySegment(D, b, at, ByteOrder.LITTLE_ENDIAN);
                final DoubleVector vc = DoubleVector.fromMemorySegment(D, c, at, ByteOrder.LITTLE_ENDIAN);
                word |= va.mul(vb).add(vc).compare(VectorOperators.GT, vt).toLong() << j;
            }
            while (word != 0)
            {
                out.setAtIndex(INT, k++, i + Long.numberOfTrailingZeros(word));
                word &= word - 1;
            }
        }
        for (; i < n; i++)
        {
            if (a.getAtIndex(DOUBLE, i) * b.getAtIndex(DOUBLE, i) + c.getAtIndex(DOUBLE, i) > t)
            {
                out.setAtIndex(INT, k++, i);
            }
        }
        return k;
    }

    /**
     * The memory floor of the filter: reads the same three columns and counts {@code a * b + c > t} without writing
     * positions.
     *
     * @return the count.
     */
    static long countMulAddGreater(final MemorySegment a, final MemorySegment b, final MemorySegment c,
        final double t, final int n)
    {
        final DoubleVector vt = DoubleVector.broadcast(D, t);
        long count = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            final long at = (long)i << 3;
            final DoubleVector va = DoubleVector.fromMemorySegment(D, a, at, ByteOrder.LITTLE_ENDIAN);
            final DoubleVector vb = DoubleVector.fromMemorySegment(D, b, at, ByteOrder.LITTLE_ENDIAN);
            final DoubleVector vc = DoubleVector.fromMemorySegment(D, c, at, ByteOrder.LITTLE_ENDIAN);
            count += va.mul(vb).add(vc).compare(VectorOperators.GT, vt).trueCount();
        }
        for (; i < n; i++)
        {
            count += a.getAtIndex(DOUBLE, i) * b.getAtIndex(DOUBLE, i) + c.getAtIndex(DOUBLE, i) > t ? 1 : 0;
        }
        return count;
    }

    /**
     * {@code out[i] = x[i] * 1.1 + 3.0}: the plain loop (C2 vectorizes it).
     */
    static void mulAddLoop(final MemorySegment x, final MemorySegment out, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            out.setAtIndex(DOUBLE, i, x.getAtIndex(DOUBLE, i) * 1.1 + 3.0);
        }
    }
}
