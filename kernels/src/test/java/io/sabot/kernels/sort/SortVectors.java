package io.sabot.kernels.sort;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.SplittableRandom;

import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Seeded random key vectors of every sortable type, for the sort tests (TestData covers the basic numeric ones).
 */
final class SortVectors
{
    /** Makes one random vector. */
    @FunctionalInterface
    interface Gen
    {
        FieldVector make(BufferAllocator allocator, String name, int n, double nullRatio, long seed);
    }

    /** A named generator. */
    record Type(String name, Gen gen)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    static final Type[] ALL = {
        new Type("int8", TestData::tinyInts),
        new Type("int16", TestData::smallInts),
        new Type("int32", TestData::ints),
        new Type("int64", TestData::bigInts),
        new Type("float32", TestData::floats),
        new Type("float64", TestData::doubles),
        new Type("uint8", SortVectors::uint1),
        new Type("uint16", SortVectors::uint2),
        new Type("uint32", SortVectors::uint4),
        new Type("uint64", SortVectors::uint8),
        new Type("date32", SortVectors::dates),
        new Type("time32ms", SortVectors::times),
        new Type("timestamp_us_utc", SortVectors::timestamps),
        new Type("duration_ms", SortVectors::durations),
        new Type("bool", SortVectors::bools),
        new Type("decimal_small", (a, name, n, r, s) -> decimals(a, name, n, r, s, false)),
        new Type("decimal_wide", (a, name, n, r, s) -> decimals(a, name, n, r, s, true)),
        new Type("utf8", (a, name, n, r, s) -> TestData.strings(a, name, n, 3, r, s)),
        new Type("binary", SortVectors::binaries),
        new Type("large_utf8", SortVectors::largeStrings),
        new Type("large_binary", SortVectors::largeBinaries),
    };

    private SortVectors()
    {
    }

    private static boolean isNull(final SplittableRandom random, final double nullRatio)
    {
        return nullRatio > 0 && random.nextDouble() < nullRatio;
    }

    private static long small(final SplittableRandom random, final long max)
    {
        final int pick = random.nextInt(20);
        return pick == 0 ? 0 : pick == 1 ? max : random.nextLong(0, 50);
    }

    static FieldVector uint1(final BufferAllocator a, final String name, final int n, final double r, final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final UInt1Vector v = new UInt1Vector(name, a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, (byte)(random.nextBoolean() ? small(random, 255) : random.nextInt(256)));
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector uint2(final BufferAllocator a, final String name, final int n, final double r, final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final UInt2Vector v = new UInt2Vector(name, a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, (char)(random.nextBoolean() ? small(random, 65535) : random.nextInt(65536)));
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector uint4(final BufferAllocator a, final String name, final int n, final double r, final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final UInt4Vector v = new UInt4Vector(name, a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, random.nextBoolean() ? (int)small(random, 0xFFFF_FFFFL) : random.nextInt());
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector uint8(final BufferAllocator a, final String name, final int n, final double r, final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final UInt8Vector v = new UInt8Vector(name, a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, random.nextBoolean() ? small(random, -1L) : random.nextLong());
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector dates(final BufferAllocator a, final String name, final int n, final double r, final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final DateDayVector v = new DateDayVector(name, a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, (int)TestData.nextLong(random));
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector times(final BufferAllocator a, final String name, final int n, final double r, final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final TimeMilliVector v = new TimeMilliVector(name, a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, random.nextInt(86_400_000));
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector timestamps(final BufferAllocator a, final String name, final int n, final double r,
        final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final TimeStampMicroTZVector v = new TimeStampMicroTZVector(name, a, "UTC");
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, TestData.nextLong(random));
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector durations(final BufferAllocator a, final String name, final int n, final double r,
        final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final DurationVector v = new DurationVector(name,
            FieldType.nullable(new ArrowType.Duration(TimeUnit.MILLISECOND)), a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, TestData.nextLong(random));
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector bools(final BufferAllocator a, final String name, final int n, final double r, final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final BitVector v = new BitVector(name, a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, random.nextInt(2));
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector decimals(final BufferAllocator a, final String name, final int n, final double r,
        final long s, final boolean wide)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final DecimalVector v = new DecimalVector(name, a, 38, 2);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
                continue;
            }
            final BigInteger unscaled;
            if (wide && random.nextInt(3) == 0)
            {
                final BigInteger big = new BigInteger(100 + random.nextInt(20), new Random(random.nextLong()));
                unscaled = random.nextBoolean() ? big.negate() : big;
            }
            else
            {
                unscaled = BigInteger.valueOf(TestData.nextLong(random));
            }
            v.setSafe(i, new BigDecimal(unscaled, 2));
        }
        v.setValueCount(n);
        return v;
    }

    /** Bytes from {0x00, 0x01, 0x7F, 0x80, 0xFF}, 0 to 12 long: shared prefixes across the 8-byte boundary. */
    static byte[] nextBytes(final SplittableRandom random)
    {
        final byte[] alphabet = {0x00, 0x01, 0x7F, (byte)0x80, (byte)0xFF};
        final byte[] b = new byte[random.nextInt(13)];
        final int common = random.nextInt(3);
        for (int i = 0; i < b.length; i++)
        {
            b[i] = i < 6 ? alphabet[common] : alphabet[random.nextInt(alphabet.length)];
        }
        return b;
    }

    static FieldVector binaries(final BufferAllocator a, final String name, final int n, final double r,
        final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final VarBinaryVector v = new VarBinaryVector(name, a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.setSafe(i, nextBytes(random));
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector largeBinaries(final BufferAllocator a, final String name, final int n, final double r,
        final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final LargeVarBinaryVector v = new LargeVarBinaryVector(name, a);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.setSafe(i, nextBytes(random));
            }
        }
        v.setValueCount(n);
        return v;
    }

    static FieldVector largeStrings(final BufferAllocator a, final String name, final int n, final double r,
        final long s)
    {
        final SplittableRandom random = new SplittableRandom(s);
        final LargeVarCharVector v = new LargeVarCharVector(name, a);
        v.allocateNew(n);
        final String[] words = {"", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgha", "é", "éa", "zzzzzzzzzzzz"};
        for (int i = 0; i < n; i++)
        {
            if (isNull(random, r))
            {
                v.setNull(i);
            }
            else
            {
                v.setSafe(i, words[random.nextInt(words.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        v.setValueCount(n);
        return v;
    }
}
