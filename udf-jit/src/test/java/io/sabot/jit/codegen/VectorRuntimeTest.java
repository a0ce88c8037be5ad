package io.sabot.jit.codegen;

import io.sabot.simd.Layouts;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VectorRuntimeTest
{
    @Test
    void selectWritesTheSetBitPositionsWithEitherScheme()
    {
        final Random random = new Random(11);
        try (Arena arena = Arena.ofConfined())
        {
            for (int n = 0; n < 2000; n++)
            {
                final long word = switch (n % 5)
                {
                    case 0 -> 0L;
                    case 1 -> -1L;
                    case 2 -> 1L << random.nextInt(64);
                    case 3 -> random.nextLong() & random.nextLong();
                    default -> random.nextLong();
                };
                final int k = random.nextInt(10);
                final int row = random.nextInt(1 << 20);
                // exact room (bit walk) and room for a block (table)
                for (final int room : new int[]{k + Long.bitCount(word), k + 64})
                {
                    final MemorySegment sel = arena.allocate(4L * room + 1);
                    final int end = VectorRuntime.select(sel, k, word, row);
                    assertEquals(k + Long.bitCount(word), end);
                    long w = word;
                    for (int i = k; i < end; i++)
                    {
                        assertEquals(row + Long.numberOfTrailingZeros(w), sel.get(Layouts.INT_UNALIGNED, 4L * i));
                        w &= w - 1;
                    }
                }
            }
        }
    }

    @Test
    void validityWordOfNoBitmapIsAllValid()
    {
        assertEquals(-1L, VectorRuntime.validityWord(null, 12345));
        try (Arena arena = Arena.ofConfined())
        {
            // a 9-byte bitmap read at bit 5: 64 bits straddle all nine bytes
            final MemorySegment bitmap = arena.allocate(9);
            for (int b = 0; b < 9; b++)
            {
                bitmap.set(Layouts.BYTE, b, (byte)(0xA5 ^ b));
            }
            long expected = 0;
            for (int i = 0; i < 64; i++)
            {
                final int bit = 5 + i;
                expected |= (long)((bitmap.get(Layouts.BYTE, bit >>> 3) >>> (bit & 7)) & 1) << i;
            }
            assertEquals(expected, VectorRuntime.validityWord(bitmap, 5));
            assertEquals(expected, VectorRuntime.bitsWord(bitmap, 5));
        }
    }
}
