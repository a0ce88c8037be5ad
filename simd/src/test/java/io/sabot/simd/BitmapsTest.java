package io.sabot.simd;

import static io.sabot.simd.ComparisonsTest.assertOutsideUnchanged;
import static io.sabot.simd.ComparisonsTest.bitAt;
import static io.sabot.simd.ComparisonsTest.copyOf;
import static io.sabot.simd.ComparisonsTest.randomBitmap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Compares {@link VectorBitmaps}, {@link ScalarBitmaps} and the {@link Bitmaps} facade against a bit-by-bit
 * reference, at byte-aligned and mid-byte offsets, and checks bits outside the output range survive.
 */
final class BitmapsTest
{
    private static final int[] SIZES = {0, 1, 7, 8, 9, 63, 64, 65, 255, 256, 257, 511, 1000, 4099};
    private static final long[][] OFFSETS = {{0, 0, 0}, {8, 16, 0}, {3, 0, 0}, {0, 5, 0}, {0, 0, 7}, {13, 2, 9},
        {64, 64, 64}};

    private static boolean apply(final int op, final boolean a, final boolean b)
    {
        return switch (op)
        {
            case ScalarBitmaps.AND -> a & b;
            case ScalarBitmaps.OR -> a | b;
            case ScalarBitmaps.AND_NOT -> a & !b;
            default -> a ^ b;
        };
    }

    private static void facade(final int op, final MemorySegment a, final long ab, final MemorySegment b,
        final long bb, final MemorySegment o, final long ob, final long n)
    {
        switch (op)
        {
            case ScalarBitmaps.AND -> Bitmaps.and(a, ab, b, bb, o, ob, n);
            case ScalarBitmaps.OR -> Bitmaps.or(a, ab, b, bb, o, ob, n);
            case ScalarBitmaps.AND_NOT -> Bitmaps.andNot(a, ab, b, bb, o, ob, n);
            default -> Bitmaps.xor(a, ab, b, bb, o, ob, n);
        }
    }

    @Test
    void binaryOpsMatchReference()
    {
        final SplittableRandom random = new SplittableRandom(1);
        try (Arena arena = Arena.ofConfined())
        {
            for (final int n : SIZES)
            {
                for (final long[] off : OFFSETS)
                {
                    final MemorySegment a = randomBitmap(arena, off[0] + n, random);
                    final MemorySegment b = randomBitmap(arena, off[1] + n, random);
                    for (int op = 0; op < 4; op++)
                    {
                        for (int impl = 0; impl < 3; impl++)
                        {
                            final MemorySegment out = randomBitmap(arena, off[2] + n, random);
                            final MemorySegment before = copyOf(arena, out);
                            if (impl == 0)
                            {
                                VectorBitmaps.binary(op, a, off[0], b, off[1], out, off[2], n);
                            }
                            else if (impl == 1)
                            {
                                ScalarBitmaps.binary(op, a, off[0], b, off[1], out, off[2], n);
                            }
                            else
                            {
                                facade(op, a, off[0], b, off[1], out, off[2], n);
                            }
                            for (int i = 0; i < n; i++)
                            {
                                assertEquals(apply(op, bitAt(a, off[0] + i), bitAt(b, off[1] + i)),
                                    bitAt(out, off[2] + i), "op " + op + " impl " + impl + " n=" + n + " i=" + i);
                            }
                            assertOutsideUnchanged(before, out, off[2], n);
                        }
                    }
                }
            }
        }
    }

    @Test
    void inPlaceAndAliasing()
    {
        final SplittableRandom random = new SplittableRandom(2);
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment a = randomBitmap(arena, 1000, random);
            final MemorySegment b = randomBitmap(arena, 1000, random);
            final MemorySegment expected = copyOf(arena, a);
            ScalarBitmaps.binary(ScalarBitmaps.AND, a, 0, b, 0, expected, 0, 1000);
            VectorBitmaps.binary(ScalarBitmaps.AND, a, 0, b, 0, a, 0, 1000);
            for (int i = 0; i < 1000; i++)
            {
                assertEquals(bitAt(expected, i), bitAt(a, i));
            }
        }
    }

    @Test
    void notCopyFillPopcountMatchReference()
    {
        final SplittableRandom random = new SplittableRandom(3);
        try (Arena arena = Arena.ofConfined())
        {
            for (final int n : SIZES)
            {
                for (final long[] off : OFFSETS)
                {
                    final MemorySegment a = randomBitmap(arena, off[0] + n, random);
                    long expectedPop = 0;
                    for (int i = 0; i < n; i++)
                    {
                        expectedPop += bitAt(a, off[0] + i) ? 1 : 0;
                    }
                    assertEquals(expectedPop, VectorBitmaps.popcount(a, off[0], n));
                    assertEquals(expectedPop, ScalarBitmaps.popcount(a, off[0], n));
                    assertEquals(expectedPop, Bitmaps.popcount(a, off[0], n));
                    for (int impl = 0; impl < 4; impl++)
                    {
                        final MemorySegment out = randomBitmap(arena, off[2] + n, random);
                        final MemorySegment before = copyOf(arena, out);
                        switch (impl)
                        {
                            case 0 -> VectorBitmaps.not(a, off[0], out, off[2], n);
                            case 1 -> ScalarBitmaps.not(a, off[0], out, off[2], n);
                            case 2 -> Bitmaps.not(a, off[0], out, off[2], n);
                            default -> Bitmaps.copy(a, off[0], out, off[2], n);
                        }
                        for (int i = 0; i < n; i++)
                        {
                            assertEquals(impl == 3 ? bitAt(a, off[0] + i) : !bitAt(a, off[0] + i),
                                bitAt(out, off[2] + i));
                        }
                        assertOutsideUnchanged(before, out, off[2], n);
                    }
                    for (final boolean value : new boolean[] {true, false})
                    {
                        final MemorySegment out = randomBitmap(arena, off[2] + n, random);
                        final MemorySegment before = copyOf(arena, out);
                        Bitmaps.fill(out, off[2], n, value);
                        for (int i = 0; i < n; i++)
                        {
                            assertEquals(value, bitAt(out, off[2] + i));
                        }
                        assertOutsideUnchanged(before, out, off[2], n);
                    }
                }
            }
        }
    }

    @Test
    void selectSetBitsMatchesReference()
    {
        final SplittableRandom random = new SplittableRandom(4);
        try (Arena arena = Arena.ofConfined())
        {
            for (final int n : SIZES)
            {
                for (final long bit : new long[] {0, 5, 64})
                {
                    for (final int density : new int[] {0, 1, 50, 99, 100})
                    {
                        final MemorySegment bitmap = arena.allocate(Math.max(1, (bit + n + 7) >>> 3));
                        for (long i = 0; i < bit + n; i++)
                        {
                            if (random.nextInt(100) < density)
                            {
                                final long at = i >>> 3;
                                bitmap.set(Layouts.BYTE, at,
                                    (byte)(bitmap.get(Layouts.BYTE, at) | (1 << (i & 7))));
                            }
                        }
                        final int[] expected = new int[n];
                        int count = 0;
                        for (int i = 0; i < n; i++)
                        {
                            if (bitAt(bitmap, bit + i))
                            {
                                expected[count++] = 1000 + i;
                            }
                        }
                        for (int impl = 0; impl < 3; impl++)
                        {
                            final MemorySegment out = arena.allocate(Math.max(4, 4L * count));
                            final int got = switch (impl)
                            {
                                case 0 -> VectorBitmaps.selectSetBits(bitmap, bit, n, 1000, out);
                                case 1 -> ScalarBitmaps.selectSetBits(bitmap, bit, n, 1000, out);
                                default -> Bitmaps.selectSetBits(bitmap, bit, n, 1000, out);
                            };
                            assertEquals(count, got);
                            for (int i = 0; i < count; i++)
                            {
                                assertEquals(expected[i], out.get(Layouts.INT_UNALIGNED, 4L * i));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void loadAndStoreBitsAtSegmentEnd()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment s = arena.allocate(3);
            s.set(Layouts.BYTE, 0, (byte)0xA5);
            s.set(Layouts.BYTE, 1, (byte)0x3C);
            s.set(Layouts.BYTE, 2, (byte)0xF0);
            assertEquals(0xF03CA5L >>> 4, Bitmaps.loadBits(s, 4, 20));
            Bitmaps.storeBits(s, 20, 0, 4);
            assertEquals(0x003CA5L >>> 4, Bitmaps.loadBits(s, 4, 20));
        }
    }
}
