package io.sabot.bench.string;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.string.Strings;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VarCharVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * String kernels on utf8 bytes (contains, starts_with, ASCII lower) beside the java.lang.String way over the same
 * values held as pre-built Strings. Values: 0 to 32 characters, mostly ASCII with some 2-byte characters, ~16
 * bytes on average.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StringBench
{
    private static final String PATTERN = "qux";
    private static final String PREFIX = "ab";

    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private VarCharVector text;
    private String[] strings;
    private boolean[] flags;

    @Setup
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        final SplittableRandom random = new SplittableRandom(1);
        text = new VarCharVector("t", allocator);
        text.allocateNew(size * 20L, size);
        strings = new String[size];
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++)
        {
            sb.setLength(0);
            final int length = random.nextInt(33);
            for (int c = 0; c < length; c++)
            {
                final int pick = random.nextInt(40);
                sb.append(pick == 0 ? 'é' : pick < 8 ? (char)('A' + random.nextInt(26)) :
                    (char)('a' + random.nextInt(26)));
            }
            if (random.nextInt(20) == 0)
            {
                sb.insert(random.nextInt(sb.length() + 1), PATTERN);
            }
            strings[i] = sb.toString();
            text.setSafe(i, strings[i].getBytes(StandardCharsets.UTF_8));
        }
        text.setValueCount(size);
        flags = new boolean[size];
    }

    @TearDown
    public void tearDown()
    {
        text.close();
        allocator.close();
    }

    @Benchmark
    public void containsKernel(final Blackhole bh)
    {
        try (BitVector out = Strings.contains(text, PATTERN, allocator))
        {
            bh.consume(out.get(size - 1));
        }
    }

    @Benchmark
    public void containsJavaStrings(final Blackhole bh)
    {
        for (int i = 0; i < size; i++)
        {
            flags[i] = strings[i].contains(PATTERN);
        }
        bh.consume(flags[size - 1]);
    }

    @Benchmark
    public void startsWithKernel(final Blackhole bh)
    {
        try (BitVector out = Strings.startsWith(text, PREFIX, allocator))
        {
            bh.consume(out.get(size - 1));
        }
    }

    @Benchmark
    public void startsWithJavaStrings(final Blackhole bh)
    {
        for (int i = 0; i < size; i++)
        {
            flags[i] = strings[i].startsWith(PREFIX);
        }
        bh.consume(flags[size - 1]);
    }

    @Benchmark
    public void lowerAsciiKernel(final Blackhole bh)
    {
        try (VarCharVector out = Strings.lowerAscii(text, allocator))
        {
            bh.consume(out.getValueLength(size - 1));
        }
    }

    /** Baseline: String.toLowerCase(Locale.ROOT) (full Unicode, allocates a String per row). */
    @Benchmark
    public void lowerJavaStrings(final Blackhole bh)
    {
        int total = 0;
        for (int i = 0; i < size; i++)
        {
            total += strings[i].toLowerCase(java.util.Locale.ROOT).length();
        }
        bh.consume(total);
    }
}
