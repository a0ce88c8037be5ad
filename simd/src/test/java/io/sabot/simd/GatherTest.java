package io.sabot.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

final class GatherTest
{
    private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129,
        1000, 4099};
    private static final int[] WIDTHS = {1, 2, 4, 8, 16};

    private interface Gatherer
    {
        void gather(int width, MemorySegment src, MemorySegment indices, long indexStart, int count,
            MemorySegment dst, long dstIndex);
    }

    private static void check(final Gatherer gatherer, final boolean heap)
    {
        final SplittableRandom random = new SplittableRandom(11);
        try (Arena arena = Arena.ofConfined())
        {
            for (final int width : WIDTHS)
            {
                for (final int size : SIZES)
                {
                    final int rows = size + 3;
                    final MemorySegment src;
                    if (heap && width == 8)
                    {
                        src = MemorySegment.ofArray(random.longs(rows + 2).toArray()).asSlice(16);
                    }
                    else if (heap && width == 4)
                    {
                        src = MemorySegment.ofArray(random.ints(rows + 1).toArray()).asSlice(4);
                    }
                    else
                    {
                        src = arena.allocate((long)rows * width);
                        for (long b = 0; b < src.byteSize(); b++)
                        {
                            src.set(Layouts.BYTE, b, (byte)random.nextInt());
                        }
                    }
                    final int indexStart = random.nextInt(3);
                    final int[] idx = new int[indexStart + size];
                    for (int i = 0; i < idx.length; i++)
                    {
                        idx[i] = random.nextInt(rows);
                    }
                    final MemorySegment indices = heap ? MemorySegment.ofArray(idx) :
                        arena.allocate(idx.length * 4L + 1).copyFrom(MemorySegment.ofArray(idx));
                    final int dstIndex = random.nextInt(3);
                    final MemorySegment dst = arena.allocate((long)(dstIndex + size) * width);
                    gatherer.gather(width, src, indices, indexStart, size, dst, dstIndex);
                    for (int i = 0; i < size; i++)
                    {
                        final byte[] expected = src.asSlice((long)idx[indexStart + i] * width, width)
                            .toArray(Layouts.BYTE);
                        final byte[] actual = dst.asSlice((long)(dstIndex + i) * width, width).toArray(Layouts.BYTE);
                        assertArrayEquals(expected, actual, "width=" + width + " size=" + size + " i=" + i);
                    }
                }
            }
        }
    }

    @Test
    void scalarMatchesReference()
    {
        check(ScalarGather::gather, false);
        check(ScalarGather::gather, true);
    }

    @Test
    void vectorMatchesReferenceOffHeapAndOnHeap()
    {
        check(VectorGather::gather, false);
        check(VectorGather::gather, true);
        check(Gather::gather, true);
    }

    @Test
    void indexOutsideSourceThrows()
    {
        final long[] data = new long[40];
        final MemorySegment src = MemorySegment.ofArray(data).asSlice(0, 8 * 20);
        final int[] idx = new int[16];
        idx[9] = 20;
        final MemorySegment dst = MemorySegment.ofArray(new long[16]);
        assertThrows(IndexOutOfBoundsException.class,
            () -> VectorGather.gatherLongs(src, MemorySegment.ofArray(idx), 0, 16, dst, 0));
        assertThrows(IndexOutOfBoundsException.class,
            () -> ScalarGather.gatherLongs(src, MemorySegment.ofArray(idx), 0, 16, dst, 0));
        idx[9] = -1;
        assertThrows(IndexOutOfBoundsException.class,
            () -> VectorGather.gatherLongs(src, MemorySegment.ofArray(idx), 0, 16, dst, 0));
        final MemorySegment ints = MemorySegment.ofArray(new int[40]).asSlice(0, 4 * 20);
        idx[9] = 25;
        assertThrows(IndexOutOfBoundsException.class,
            () -> VectorGather.gatherInts(ints, MemorySegment.ofArray(idx), 0, 16, dst, 0));
    }

    @Test
    void gatherBitsMatchesReference()
    {
        final SplittableRandom random = new SplittableRandom(5);
        try (Arena arena = Arena.ofConfined())
        {
            for (final int size : SIZES)
            {
                final int bitOffset = random.nextInt(13);
                final int rows = size + 5;
                final MemorySegment src = arena.allocate((rows + bitOffset + 7) / 8);
                for (long b = 0; b < src.byteSize(); b++)
                {
                    src.set(Layouts.BYTE, b, (byte)random.nextInt());
                }
                final int[] idx = new int[size];
                for (int i = 0; i < size; i++)
                {
                    idx[i] = random.nextInt(rows);
                }
                final MemorySegment dst = arena.allocate(Math.max(1, (size + 7) / 8)).asSlice(0, (size + 7) / 8);
                dst.fill((byte)0xFF);
                Gather.gatherBits(src, bitOffset, MemorySegment.ofArray(idx), 0, size, dst);
                for (int i = 0; i < size; i++)
                {
                    final long at = bitOffset + idx[i];
                    final int expected = (src.get(Layouts.BYTE, at >>> 3) >>> (at & 7)) & 1;
                    assertEquals(expected, (dst.get(Layouts.BYTE, i >>> 3) >>> (i & 7)) & 1, "size=" + size);
                }
                for (int i = size; i < dst.byteSize() * 8; i++)
                {
                    assertEquals(0, (dst.get(Layouts.BYTE, i >>> 3) >>> (i & 7)) & 1, "padding bit " + i);
                }
            }
        }
    }
}
