package io.sabot.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

final class CompactionTest
{
    private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129,
        200, 1000, 1023, 4099};
    private static final int[] WIDTHS = {1, 2, 4, 8, 16};
    private static final double[] DENSITIES = {0.0, 0.01, 0.2, 0.5, 0.9, 0.99, 1.0};

    private interface Compactor
    {
        int compact(int width, MemorySegment src, long srcIndex, MemorySegment bitmap, long bitOffset, int count,
            MemorySegment dst, long dstIndex);
    }

    private static MemorySegment randomBytes(final Arena arena, final long bytes, final SplittableRandom random)
    {
        final MemorySegment segment = arena.allocate(Math.max(bytes, 1));
        for (long i = 0; i < bytes; i++)
        {
            segment.set(Layouts.BYTE, i, (byte)random.nextInt());
        }
        return segment.asSlice(0, bytes);
    }

    private static MemorySegment bitmap(final Arena arena, final int bits, final double density,
        final SplittableRandom random)
    {
        final MemorySegment segment = arena.allocate(Math.max((bits + 7) / 8, 1)).asSlice(0, (bits + 7) / 8);
        for (int i = 0; i < bits; i++)
        {
            if (random.nextDouble() < density)
            {
                segment.set(Layouts.BYTE, i >>> 3, (byte)(segment.get(Layouts.BYTE, i >>> 3) | (1 << (i & 7))));
            }
        }
        return segment;
    }

    private static boolean bit(final MemorySegment bitmap, final long i)
    {
        return ((bitmap.get(Layouts.BYTE, i >>> 3) >>> (i & 7)) & 1) != 0;
    }

    private static void check(final Compactor compactor, final String name)
    {
        final SplittableRandom random = new SplittableRandom(42);
        try (Arena arena = Arena.ofConfined())
        {
            for (final int width : WIDTHS)
            {
                for (final int size : SIZES)
                {
                    for (final double density : DENSITIES)
                    {
                        final int srcIndex = random.nextInt(3);
                        final int bitOffset = random.nextInt(10);
                        final int dstIndex = random.nextInt(3);
                        final MemorySegment src = randomBytes(arena, (long)(size + srcIndex) * width, random);
                        final MemorySegment bits = bitmap(arena, size + bitOffset, density, random);
                        int selected = 0;
                        for (int i = 0; i < size; i++)
                        {
                            selected += bit(bits, bitOffset + i) ? 1 : 0;
                        }
                        // exactly sized output: proves no slack is needed
                        final MemorySegment dst = arena.allocate((long)(dstIndex + selected) * width + 1)
                            .asSlice(0, (long)(dstIndex + selected) * width);
                        dst.fill((byte)0x5A);
                        final int written = compactor.compact(width, src, srcIndex, bits, bitOffset, size, dst,
                            dstIndex);
                        final String where = name + " width=" + width + " size=" + size + " density=" + density;
                        assertEquals(selected, written, where);
                        for (long b = 0; b < (long)dstIndex * width; b++)
                        {
                            assertEquals((byte)0x5A, dst.get(Layouts.BYTE, b), where + " wrote before dstIndex");
                        }
                        int k = 0;
                        for (int i = 0; i < size; i++)
                        {
                            if (bit(bits, bitOffset + i))
                            {
                                final byte[] expected = src.asSlice((long)(srcIndex + i) * width, width)
                                    .toArray(Layouts.BYTE);
                                final byte[] actual = dst.asSlice((long)(dstIndex + k) * width, width)
                                    .toArray(Layouts.BYTE);
                                assertArrayEquals(expected, actual, where + " element " + k);
                                k++;
                            }
                        }
                        // roomy output too: exercises the unmasked vector path near the end
                        final MemorySegment roomy = arena.allocate((long)(dstIndex + size + 80) * width);
                        assertEquals(selected, compactor.compact(width, src, srcIndex, bits, bitOffset, size, roomy,
                            dstIndex), where);
                        assertEquals(dst.asSlice((long)dstIndex * width).mismatch(
                            roomy.asSlice((long)dstIndex * width, (long)selected * width)), -1L, where);
                    }
                }
            }
        }
    }

    @Test
    void scalarMatchesReference()
    {
        check(ScalarCompaction::compact, "scalar");
    }

    @Test
    void vectorMatchesReference()
    {
        check(VectorCompaction::compact, "vector");
    }

    @Test
    void bothInt64VectorShapesMatchReference()
    {
        // the facade picks one shape per CPU; test the other one too
        check((width, src, srcIndex, bits, bitOffset, count, dst, dstIndex) -> width != 8 ?
            VectorCompaction.compact(width, src, srcIndex, bits, bitOffset, count, dst, dstIndex) :
            VectorCompaction.compactLongs256(src, srcIndex, bits, bitOffset, count, dst, dstIndex), "vector256");
        check((width, src, srcIndex, bits, bitOffset, count, dst, dstIndex) -> width != 8 ?
            VectorCompaction.compact(width, src, srcIndex, bits, bitOffset, count, dst, dstIndex) :
            VectorCompaction.compactLongs512(src, srcIndex, bits, bitOffset, count, dst, dstIndex), "vector512");
    }

    @Test
    void facadeMatchesReference()
    {
        check(Compaction::compact, "facade");
    }

    @Test
    void compactBitsMatchesReference()
    {
        final SplittableRandom random = new SplittableRandom(7);
        try (Arena arena = Arena.ofConfined())
        {
            for (final int size : SIZES)
            {
                for (final double density : DENSITIES)
                {
                    final int srcOffset = random.nextInt(12);
                    final int maskOffset = random.nextInt(12);
                    final MemorySegment src = bitmap(arena, size + srcOffset, 0.5, random);
                    final MemorySegment mask = bitmap(arena, size + maskOffset, density, random);
                    final int selected = Compaction.countBits(mask, maskOffset, size);
                    final MemorySegment dst = arena.allocate(Math.max(1, (selected + 7) / 8))
                        .asSlice(0, (selected + 7) / 8);
                    dst.fill((byte)0xFF);
                    final int written = Compaction.compactBits(src, srcOffset, mask, maskOffset, size, dst);
                    assertEquals(selected, written);
                    assertEquals(selected, VectorCompaction.compactBits(src, srcOffset, mask, maskOffset, size, dst));
                    int k = 0;
                    for (int i = 0; i < size; i++)
                    {
                        if (bit(mask, maskOffset + i))
                        {
                            assertEquals(bit(src, srcOffset + i), bit(dst, k), "size=" + size + " bit " + k);
                            k++;
                        }
                    }
                    for (; k < dst.byteSize() * 8; k++)
                    {
                        assertEquals(false, bit(dst, k), "padding bit " + k + " not cleared");
                    }
                }
            }
        }
    }

    @Test
    void tooSmallOutputAndBadWidthThrow()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment src = arena.allocate(8 * 100);
            final MemorySegment bits = arena.allocate(16);
            bits.fill((byte)0xFF);
            final MemorySegment dst = arena.allocate(8 * 50);
            assertThrows(IndexOutOfBoundsException.class,
                () -> ScalarCompaction.compactLongs(src, 0, bits, 0, 100, dst, 0));
            assertThrows(IndexOutOfBoundsException.class,
                () -> VectorCompaction.compactLongs(src, 0, bits, 0, 100, dst, 0));
            assertThrows(IllegalArgumentException.class,
                () -> Compaction.compact(3, src, 0, bits, 0, 10, dst, 0));
        }
    }
}
