package io.sabot.kernels.testing;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Seeded random Arrow vectors and the row counts every kernel test walks through. Special values (extremes, NaN,
 * +-0.0, +-Inf) are mixed in on purpose so overflow and IEEE edges are always exercised.
 */
public final class TestData
{
    /** Row counts around 256-bit lane counts (4, 8, 16, 32 lanes), odd lengths, and a few larger ones. */
    public static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129,
        1000, 1023, 4099, 65_537};

    private static final double[] SPECIAL_DOUBLES = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE};

    private TestData()
    {
    }

    /**
     * @param random    the source.
     * @param nullRatio 0 = no nulls, 1 = all null.
     * @return true when this row should be null.
     */
    private static boolean isNull(final SplittableRandom random, final double nullRatio)
    {
        return nullRatio > 0 && random.nextDouble() < nullRatio;
    }

    /** @return a random long, with extremes 5% of the time. */
    public static long nextLong(final SplittableRandom random)
    {
        final int pick = random.nextInt(40);
        return switch (pick)
        {
            case 0 -> Long.MAX_VALUE;
            case 1 -> Long.MIN_VALUE;
            default -> random.nextInt(5) == 0 ? random.nextLong() : random.nextLong(-1000, 1000);
        };
    }

    /** @return a random double, with NaN, +-0.0, +-Inf and extremes 10% of the time. */
    public static double nextDouble(final SplittableRandom random)
    {
        if (random.nextInt(10) == 0)
        {
            return SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
        }
        return (random.nextDouble() - 0.5) * 2000.0;
    }

    /** @return a new int64 vector of {@code n} random rows. */
    public static BigIntVector bigInts(final BufferAllocator allocator, final String name, final int n,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final BigIntVector vector = new BigIntVector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, nullRatio))
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, nextLong(random));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    /** @return a new int32 vector of {@code n} random rows, with extremes mixed in. */
    public static IntVector ints(final BufferAllocator allocator, final String name, final int n,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final IntVector vector = new IntVector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, nullRatio))
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, (int)nextLong(random));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    /** @return a new int16 vector of {@code n} random rows. */
    public static SmallIntVector smallInts(final BufferAllocator allocator, final String name, final int n,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final SmallIntVector vector = new SmallIntVector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, nullRatio))
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, (short)nextLong(random));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    /** @return a new int8 vector of {@code n} random rows. */
    public static TinyIntVector tinyInts(final BufferAllocator allocator, final String name, final int n,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final TinyIntVector vector = new TinyIntVector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, nullRatio))
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, (byte)nextLong(random));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    /** @return a new float64 vector of {@code n} random rows, specials included. */
    public static Float8Vector doubles(final BufferAllocator allocator, final String name, final int n,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Float8Vector vector = new Float8Vector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, nullRatio))
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, nextDouble(random));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    /** @return a new float32 vector of {@code n} random rows, specials included. */
    public static Float4Vector floats(final BufferAllocator allocator, final String name, final int n,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Float4Vector vector = new Float4Vector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, nullRatio))
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, (float)nextDouble(random));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    /** @return a new utf8 vector of {@code n} random ASCII/multi-byte strings of 0 to {@code maxLength} chars. */
    public static VarCharVector strings(final BufferAllocator allocator, final String name, final int n,
        final int maxLength, final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final VarCharVector vector = new VarCharVector(name, allocator);
        vector.allocateNew(n);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, nullRatio))
            {
                vector.setNull(i);
                continue;
            }
            sb.setLength(0);
            final int length = random.nextInt(maxLength + 1);
            for (int c = 0; c < length; c++)
            {
                final int pick = random.nextInt(30);
                sb.append(pick == 0 ? 'é' : pick == 1 ? 'Z' : (char)('a' + random.nextInt(6)));
            }
            vector.setSafe(i, sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        vector.setValueCount(n);
        return vector;
    }
}
