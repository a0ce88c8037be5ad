package io.sabot.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Vector and scalar column hashing against a per-row {@link Hash64} reference written here.
 */
final class HashingTest
{
    private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129,
        1000, 1023, 4099};
    private static final double[] SPECIALS = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE,
        Double.longBitsToDouble(0x7FF0000000000001L), Double.longBitsToDouble(0xFFF8000000000123L)};
    private static final double[] NULL_RATIOS = {0.0, 0.1, 1.0};

    private enum Kind
    {
        INTS(4), LONGS(8), FLOATS(4), DOUBLES(8);

        final int width;

        Kind(final int width)
        {
            this.width = width;
        }
    }

    @FunctionalInterface
    private interface Kernel
    {
        void run(MemorySegment values, long from, MemorySegment validity, long validityFrom, MemorySegment out,
            long outFrom, int count);
    }

    @Test
    void everyKindSizeOffsetAndNullRatioMatchesHash64()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (final Kind kind : Kind.values())
        {
            for (final int n : SIZES)
            {
                for (final double nullRatio : NULL_RATIOS)
                {
                    for (final int offset : new int[] {0, 3})
                    {
                        check(kind, n, nullRatio, offset, random);
                    }
                }
            }
        }
    }

    @Test
    void floatCanonicalizationInVectors()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final int n = 16;
            final MemorySegment doubles = arena.allocate(n * 8L);
            final MemorySegment floats = arena.allocate(n * 4L);
            for (int i = 0; i < n; i++)
            {
                final double v = i % 4 == 0 ? -0.0 : i % 4 == 1 ? 0.0 : i % 4 == 2 ? Double.NaN :
                    Double.longBitsToDouble(0xFFF0000000000F00L);
                doubles.setAtIndex(Layouts.DOUBLE_UNALIGNED, i, v);
                floats.setAtIndex(Layouts.FLOAT_UNALIGNED, i, (float)v);
            }
            final MemorySegment out = arena.allocate(n * 8L);
            VectorHashing.hashDoubles(doubles, 0, null, 0, out, 0, n);
            assertEquals(out.getAtIndex(Layouts.LONG_UNALIGNED, 0), out.getAtIndex(Layouts.LONG_UNALIGNED, 1));
            assertEquals(out.getAtIndex(Layouts.LONG_UNALIGNED, 2), out.getAtIndex(Layouts.LONG_UNALIGNED, 3));
            assertNotEquals(out.getAtIndex(Layouts.LONG_UNALIGNED, 0), out.getAtIndex(Layouts.LONG_UNALIGNED, 2));
            final MemorySegment outFloats = arena.allocate(n * 8L);
            VectorHashing.hashFloats(floats, 0, null, 0, outFloats, 0, n);
            for (int i = 0; i < n; i++)
            {
                assertEquals(out.getAtIndex(Layouts.LONG_UNALIGNED, i), outFloats.getAtIndex(Layouts.LONG_UNALIGNED, i),
                    "float and double of equal value hash alike at " + i);
            }
        }
    }

    private static void check(final Kind kind, final int n, final double nullRatio, final int offset,
        final SplittableRandom random)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final int total = n + offset;
            final MemorySegment values = arena.allocate(Math.max(1, (long)total * kind.width));
            final MemorySegment validity = arena.allocate(Math.max(1, (total + 7) / 8));
            final long[] expectedHash = new long[n];
            final long[] running = new long[n];
            for (int i = 0; i < total; i++)
            {
                final boolean valid = nullRatio == 0 || random.nextDouble() >= nullRatio;
                if (valid)
                {
                    validity.set(Layouts.BYTE, i >>> 3, (byte)(validity.get(Layouts.BYTE, i >>> 3) | (1 << (i & 7))));
                }
                final long h;
                switch (kind)
                {
                    case INTS ->
                    {
                        final int v = random.nextInt(8) == 0 ? Integer.MIN_VALUE : random.nextInt();
                        values.setAtIndex(Layouts.INT_UNALIGNED, i, v);
                        h = Hash64.hashLong(v);
                    }
                    case LONGS ->
                    {
                        final long v = random.nextInt(8) == 0 ? Long.MIN_VALUE : random.nextLong();
                        values.setAtIndex(Layouts.LONG_UNALIGNED, i, v);
                        h = Hash64.hashLong(v);
                    }
                    case FLOATS ->
                    {
                        final float v = (float)nextDouble(random);
                        values.setAtIndex(Layouts.FLOAT_UNALIGNED, i, v);
                        h = Hash64.hashDouble(v);
                    }
                    default ->
                    {
                        final double v = nextDouble(random);
                        values.setAtIndex(Layouts.DOUBLE_UNALIGNED, i, v);
                        h = Hash64.hashDouble(v);
                    }
                }
                if (i >= offset)
                {
                    final long r = random.nextLong();
                    expectedHash[i - offset] = valid ? h : Hash64.NULL_HASH;
                    running[i - offset] = r;
                }
            }
            final String what = kind + " n=" + n + " nulls=" + nullRatio + " offset=" + offset;
            final Kernel[] hashKernels = hashKernels(kind);
            final Kernel[] combineKernels = combineKernels(kind);
            for (final MemorySegment bitmap : new MemorySegment[] {validity, nullRatio == 0 ? null : validity})
            {
                for (int k = 0; k < hashKernels.length; k++)
                {
                    // Output starts at element 1 so a write before the range would be seen.
                    final MemorySegment out = arena.allocate((n + 2) * 8L);
                    hashKernels[k].run(values, offset, bitmap, offset, out, 1, n);
                    for (int i = 0; i < n; i++)
                    {
                        assertEquals(expectedHash[i], out.getAtIndex(Layouts.LONG_UNALIGNED, i + 1),
                            what + " hash kernel " + k + " row " + i);
                    }
                    assertEquals(0L, out.getAtIndex(Layouts.LONG_UNALIGNED, 0));
                    assertEquals(0L, out.getAtIndex(Layouts.LONG_UNALIGNED, n + 1));
                    final MemorySegment folded = arena.allocate((n + 2) * 8L);
                    for (int i = 0; i < n; i++)
                    {
                        folded.setAtIndex(Layouts.LONG_UNALIGNED, i + 1, running[i]);
                    }
                    combineKernels[k].run(values, offset, bitmap, offset, folded, 1, n);
                    for (int i = 0; i < n; i++)
                    {
                        assertEquals(Hash64.combine(running[i], expectedHash[i]),
                            folded.getAtIndex(Layouts.LONG_UNALIGNED, i + 1), what + " combine kernel " + k +
                            " row " + i);
                    }
                }
            }
        }
    }

    private static Kernel[] hashKernels(final Kind kind)
    {
        return switch (kind)
        {
            case INTS -> new Kernel[] {VectorHashing::hashInts, ScalarHashing::hashInts, Hashing::hashInts};
            case LONGS -> new Kernel[] {VectorHashing::hashLongs, ScalarHashing::hashLongs, Hashing::hashLongs};
            case FLOATS -> new Kernel[] {VectorHashing::hashFloats, ScalarHashing::hashFloats, Hashing::hashFloats};
            case DOUBLES -> new Kernel[] {VectorHashing::hashDoubles, ScalarHashing::hashDoubles,
                Hashing::hashDoubles};
        };
    }

    private static Kernel[] combineKernels(final Kind kind)
    {
        return switch (kind)
        {
            case INTS -> new Kernel[] {VectorHashing::combineInts, ScalarHashing::combineInts, Hashing::combineInts};
            case LONGS -> new Kernel[] {VectorHashing::combineLongs, ScalarHashing::combineLongs,
                Hashing::combineLongs};
            case FLOATS -> new Kernel[] {VectorHashing::combineFloats, ScalarHashing::combineFloats,
                Hashing::combineFloats};
            case DOUBLES -> new Kernel[] {VectorHashing::combineDoubles, ScalarHashing::combineDoubles,
                Hashing::combineDoubles};
        };
    }

    private static double nextDouble(final SplittableRandom random)
    {
        return random.nextInt(4) == 0 ? SPECIALS[random.nextInt(SPECIALS.length)] :
            (random.nextDouble() - 0.5) * 1e6;
    }
}
