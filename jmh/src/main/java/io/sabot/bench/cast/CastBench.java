package io.sabot.bench.cast;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.cast.Cast;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
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
 * Casts: checked int64 -> int32 (Sabot kernel vs a plain Arrow getter/setter loop), and utf8 -> int64 parsing from
 * the Arrow bytes (Sabot kernel) vs {@link Long#parseLong} on pre-built Java Strings (the String-per-row way).
 * Each kernel call allocates its output vector (part of the API) and the benchmark closes it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CastBench
{
    private static final ArrowType INT32 = new ArrowType.Int(32, true);
    private static final ArrowType INT64 = new ArrowType.Int(64, true);

    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector longs;
    private VarCharVector text;
    private String[] strings;
    private IntVector reuse;
    private long[] parsed;

    @Setup
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        final SplittableRandom random = new SplittableRandom(1);
        longs = new BigIntVector("l", allocator);
        longs.allocateNew(size);
        text = new VarCharVector("t", allocator);
        text.allocateNew(size * 12L, size);
        strings = new String[size];
        for (int i = 0; i < size; i++)
        {
            longs.set(i, random.nextInt());
            // Mixed widths: 1 to 19 digits, some negative.
            final long v = random.nextLong() >> random.nextInt(63);
            strings[i] = Long.toString(v);
            text.setSafe(i, strings[i].getBytes(StandardCharsets.US_ASCII));
        }
        longs.setValueCount(size);
        text.setValueCount(size);
        reuse = new IntVector("r", allocator);
        reuse.allocateNew(size);
        parsed = new long[size];
    }

    @TearDown
    public void tearDown()
    {
        reuse.close();
        text.close();
        longs.close();
        allocator.close();
    }

    @Benchmark
    public void int64ToInt32Checked(final Blackhole bh)
    {
        try (FieldVector out = Cast.cast(longs, INT32, allocator))
        {
            bh.consume(((IntVector)out).get(size - 1));
        }
    }

    /** Baseline: Arrow's own getters/setters with Math.toIntExact into a reused vector. */
    @Benchmark
    public void int64ToInt32ArrowLoop(final Blackhole bh)
    {
        for (int i = 0; i < size; i++)
        {
            reuse.set(i, Math.toIntExact(longs.get(i)));
        }
        reuse.setValueCount(size);
        bh.consume(reuse.get(size - 1));
    }

    @Benchmark
    public void utf8ToInt64Parse(final Blackhole bh)
    {
        try (FieldVector out = Cast.cast(text, INT64, allocator))
        {
            bh.consume(((BigIntVector)out).get(size - 1));
        }
    }

    /** Baseline: Long.parseLong over Strings that already exist (their creation is not timed). */
    @Benchmark
    public void longParseLongOnStrings(final Blackhole bh)
    {
        for (int i = 0; i < size; i++)
        {
            parsed[i] = Long.parseLong(strings[i]);
        }
        bh.consume(parsed[size - 1]);
    }
}
