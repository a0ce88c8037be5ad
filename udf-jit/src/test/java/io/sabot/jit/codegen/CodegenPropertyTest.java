package io.sabot.jit.codegen;

import io.sabot.jit.testing.PhysicalTypes;
import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprPrinter;
import io.sabot.jit.interp.Interpreter;
import io.sabot.jit.testing.RandomBatches;
import io.sabot.jit.testing.RandomExprs;
import io.sabot.jit.udf.Udf;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property test: random well-typed trees of every result type (a third of them calling lifted, rehosted and opaque
 * UDFs), compiled and interpreted, in all three modes, must give identical selections, values and validity; on this
 * package's batches and on the interpreter's fixtures (sliced vectors, unsorted selections with repeats).
 */
class CodegenPropertyTest
{
    private static final int TREES = 300;
    private static final int[] SIZES = {0, 1, 64, 65, 130};

    private static final double[] TABLE = {0.5};
    /** A lifted, a rehosted (loop) and an opaque (captures an array) UDF. */
    private static final List<Udf> UDFS = List.of(
        Udf.doubleFn("lifted", (x, y) -> x * 1.1 + y),
        Udf.longFn("rehosted", x ->
        {
            long r = 0;
            for (int k = 0; k < 3; k++)
            {
                r = r * 31 + x;
            }
            return r;
        }),
        Udf.doubleFn("opaque", x -> x * TABLE[0]));

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void randomTreesCompiledEqualInterpreted()
    {
        final Schema schema = CodegenHarness.schema();
        final JitEngine engine = new JitEngine(1024, false, ProgramCompiler.Options.DEFAULTS);
        final DataType[] types = PhysicalTypes.values();
        for (int n = 0; n < TREES; n++)
        {
            final Random rnd = new Random(1000 + n);
            final DataType type = types[n % types.length];
            final Expr expr = RandomExprs.generate(rnd, CodegenHarness.COLUMNS, type, 1 + n % 5,
                n % 3 == 0 ? UDFS : List.of());
            final Bound bound = Binder.bind(expr, schema);
            final Expr other = RandomExprs.generate(rnd, CodegenHarness.COLUMNS, DataType.BOOLEAN, 3);
            final Bound predicate = type == DataType.BOOLEAN ? bound : Binder.bind(other, schema);
            final String context = "tree " + n + ": " + ExprPrinter.print(expr);
            if (type == DataType.BOOLEAN)
            {
                check(engine, context, Program.Mode.FILTER, bound, List.of(), rnd);
            }
            check(engine, context, Program.Mode.PROJECT, null, List.of(bound), rnd);
            check(engine, context, Program.Mode.FILTER_PROJECT, predicate, List.of(bound), rnd);
        }
    }

    private void check(final JitEngine engine, final String context, final Program.Mode mode, final Bound predicate,
        final List<Bound> projections, final Random rnd)
    {
        final JitEngine.Prepared prepared = engine.prepare(mode, predicate, projections);
        assertTrue(prepared.compiled(), context + " fell back: " + prepared.fallbackReason());
        final Interpreter interpreter = new Interpreter(mode, predicate, projections);
        CodegenNodesTest.compare(context + " " + mode, prepared.program(), interpreter, mode, projections, rnd, memory,
            SIZES);
        slicedAndShuffled(context + " " + mode, prepared.program(), interpreter, mode, projections, rnd);
    }

    /**
     * The fixture batches of the interpreter's tests: vectors sliced at an odd offset (splitAndTransfer), with or
     * without nulls, read whole, from an odd row, and through an unsorted selection with repeats.
     */
    private void slicedAndShuffled(final String context, final Program compiled, final Program reference,
        final Program.Mode mode, final List<Bound> projections, final Random rnd)
    {
        final List<DataType> outTypes = projections.stream().map(Bound::type).toList();
        for (final int n : new int[] {1, 130})
        {
            try (Batch batch = RandomBatches.createSliced(memory.allocator(), rnd, CodegenHarness.COLUMNS, n + 9,
                rnd.nextBoolean() ? 0.2 : 0.0, 1 + 2 * rnd.nextInt(8)))
            {
                for (final CodegenHarness.RowSet rows : List.of(new CodegenHarness.RowSet(0, n + 9, null),
                    new CodegenHarness.RowSet(5, n, null),
                    new CodegenHarness.RowSet(0, n, RandomBatches.selection(rnd, n + 9, n))))
                {
                    try (CodegenHarness.Result expected = CodegenHarness.run(reference, mode, batch, outTypes, rows,
                            memory.allocator());
                         CodegenHarness.Result actual = CodegenHarness.run(compiled, mode, batch, outTypes, rows,
                            memory.allocator()))
                    {
                        CodegenHarness.assertSameResult(expected, actual, context + " sliced n=" + n + " " + rows);
                    }
                }
            }
        }
    }
}
