package io.sabot.bench.headline;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sabot.bench.BenchData;
import io.sabot.bench.peer.DuckDbPeer;
import io.sabot.bench.ref.CReference;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.join.HashJoinProbe;
import io.sabot.kernels.join.HashJoinTable;
import io.sabot.kernels.join.JoinType;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Headline: inner hash join, 1M-row build side, 10M-row probe, every probe row matching exactly one build row,
 * counting matches. Keys are random 64-bit values or a shuffled dense range (where Sabot switches to a direct index).
 * Sabot and C build their tables in setup and are timed on the probe; DuckDB can only be timed on the whole query
 * (build included, ~10% of its work). The bars: >= 60 M probe rows/s random, >= 200 M rows/s dense.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class HeadlineJoinBench
{
    private static final int BUILD = 1_000_000;
    private static final int PROBE = 10_000_000;

    @Param({"random", "dense"})
    public String keys;

    private BufferAllocator allocator;
    private Batch build;
    private Batch probe;
    private HashJoinTable table;
    private HashJoinProbe joiner;
    private MemorySegment cTable;
    private DuckDbPeer duck;

    @Setup(Level.Trial)
    public void setUp(final BenchmarkParams params)
    {
        allocator = new RootAllocator();
        final long[] buildKeys = "dense".equals(keys) ? BenchData.shuffledRange(BUILD, 0, 51) :
            BenchData.longs(BUILD, 0, 51);
        final long[] picks = BenchData.longs(PROBE, BUILD, 52);
        final long[] probeKeys = new long[PROBE];
        for (int i = 0; i < PROBE; i++)
        {
            probeKeys[i] = buildKeys[(int)picks[i]];
        }
        final BigIntVector b = BenchData.bigInts(allocator, "key", buildKeys);
        final BigIntVector p = BenchData.bigInts(allocator, "key", probeKeys);
        build = Batch.of(b);
        probe = Batch.of(p);
        table = HashJoinTable.create(allocator, build.schema(), List.of("key"));
        table.add(build);
        table.finish();
        joiner = table.probe(JoinType.INNER, List.of("key"));
        cTable = CReference.available() ? CReference.joinBuild(ArrowMemory.segment(b.getDataBuffer()), BUILD) : null;
        // Loading DuckDB takes seconds per million rows: only forks that run a duck* method pay it.
        if (params.getBenchmark().contains(".duck"))
        {
            duck = new DuckDbPeer();
            duck.loadLongs("build", new String[] {"key"}, buildKeys);
            duck.loadLongs("probe", new String[] {"key"}, probeKeys);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (cTable != null)
        {
            CReference.joinFree(cTable);
        }
        if (duck != null)
        {
            duck.close();
        }
        joiner.close();
        table.close();
        build.close();
        probe.close();
        allocator.close();
    }

    @Benchmark
    public long sabotJoinCount()
    {
        return joiner.countMatches(probe);
    }

    @Benchmark
    public long cJoinCount()
    {
        CReference.require();
        return CReference.joinProbeCount(cTable, ArrowMemory.segment(probe.column(0).getDataBuffer()), PROBE);
    }

    @Benchmark
    public long duckJoinCount()
    {
        return duck.queryLong("SELECT count(*) FROM probe JOIN build USING (key)");
    }
}
