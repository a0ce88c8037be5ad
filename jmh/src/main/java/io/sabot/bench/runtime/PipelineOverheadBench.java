package io.sabot.bench.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.jit.CompiledFilter;
import io.sabot.jit.ExpressionCompiler;
import io.sabot.jit.expr.ExprParser;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.agg.Aggregates;
import io.sabot.runtime.api.Agg;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.BatchesSource;
import io.sabot.runtime.source.Sources;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.Schema;
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

/**
 * Operator-framework overhead: {@code filter(x > 0.5).aggregate(sum(y))} through the Stream API (planner, morsel
 * scheduler, per-worker chains, partial and final aggregate, sink) beside the same building blocks called directly in
 * a loop (the JIT-compiled filter into a reused selection, then the kernels' {@code sum} over the selected rows), over
 * the same 64 Ki-row batches. Bar: the Stream API within 15% of the loop.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class PipelineOverheadBench
{
    private static final int MORSEL = 64 * 1024;

    @Param({"10000000"})
    public int rows;

    @Param({"1"})
    public int parallelism;

    private BufferAllocator allocator;
    private List<Batch> batches;
    private BatchesSource source;
    private StreamEnvironment env;
    private CompiledFilter filter;
    private SelectionVector selection;

    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator();
        batches = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(42);
        final List<Batch> owned = new ArrayList<>();
        for (int start = 0; start < rows; start += MORSEL)
        {
            final int n = Math.min(MORSEL, rows - start);
            final Float8Vector x = new Float8Vector("x", allocator);
            final BigIntVector y = new BigIntVector("y", allocator);
            x.allocateNew(n);
            y.allocateNew(n);
            for (int i = 0; i < n; i++)
            {
                x.set(i, random.nextDouble());
                y.set(i, random.nextInt(1000));
            }
            x.setValueCount(n);
            y.setValueCount(n);
            batches.add(Batch.of(x, y));
        }
        final Schema schema = batches.get(0).schema();
        // the source gets shares of the same buffers (it takes ownership of what it is given)
        for (final Batch batch : batches)
        {
            owned.add(io.sabot.runtime.exec.Batches.share(batch, allocator));
        }
        source = Sources.batches(schema, owned, MORSEL);
        env = StreamEnvironment.builder().parallelism(parallelism).morselRows(MORSEL).allocator(allocator).build();
        filter = ExpressionCompiler.shared().compileFilter(ExprParser.parse("x > 0.5"), schema);
        selection = new SelectionVector(allocator, MORSEL);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        env.close();
        source.close();
        selection.close();
        batches.forEach(Batch::close);
        allocator.close();
    }

    /** The loop a user would write with the kernels alone. */
    @Benchmark
    public long kernelsLoop()
    {
        long sum = 0;
        for (final Batch batch : batches)
        {
            filter.filter(batch, selection);
            final OptionalLong part = Aggregates.sum((BigIntVector)batch.column(1), Rows.selected(selection));
            sum += part.orElse(0);
        }
        return sum;
    }

    /** The same through the Stream API. */
    @Benchmark
    public Object streamApi()
    {
        final CollectSink sink = Sinks.collect();
        env.from(source).filter("x > 0.5").aggregate(Agg.sum("y").as("s")).writeTo(sink);
        env.execute("overhead");
        return sink.rows().get(0).get(0);
    }
}
