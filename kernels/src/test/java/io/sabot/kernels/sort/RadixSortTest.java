package io.sabot.kernels.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RadixSortTest
{
    private static void check(final long[] keys)
    {
        final int n = keys.length;
        final long[] sortedKeys = keys.clone();
        final int[] values = new int[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = i;
        }
        RadixSort.sort(sortedKeys, values, n);
        final Integer[] reference = new Integer[n];
        for (int i = 0; i < n; i++)
        {
            reference[i] = i;
        }
        Arrays.sort(reference, (a, b) -> Long.compareUnsigned(keys[a], keys[b])); // stable
        final int[] expected = Arrays.stream(reference).mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expected, values);
        final long[] expectedKeys = new long[n];
        for (int i = 0; i < n; i++)
        {
            expectedKeys[i] = keys[expected[i]];
        }
        assertArrayEquals(expectedKeys, sortedKeys);
    }

    @Test
    void sortsUnsignedStablyAcrossKeyShapes()
    {
        final SplittableRandom random = new SplittableRandom(1);
        for (final int n : new int[] {0, 1, 2, 3, 47, 48, 49, 100, 1500, 2047, 2048, 4099, 65_535, 65_536, 300_000})
        {
            final long[] full = new long[n];
            final long[] narrow = new long[n];
            final long[] middleByte = new long[n];
            final long[] constant = new long[n];
            final long[] clustered = new long[n];
            for (int i = 0; i < n; i++)
            {
                full[i] = random.nextLong();
                narrow[i] = random.nextInt(300);
                middleByte[i] = 0x1234_0000_0000_5678L | ((long)random.nextInt(4) << 32);
                constant[i] = -7L;
                // a few huge MSD buckets and many tiny ones, with ties
                clustered[i] = random.nextInt(4) == 0 ? ((long)random.nextInt(3) << 60) | random.nextInt(1000) :
                    random.nextLong() >>> random.nextInt(64);
            }
            check(full);
            check(narrow);
            check(middleByte);
            check(constant);
            check(clustered);
        }
    }
}
