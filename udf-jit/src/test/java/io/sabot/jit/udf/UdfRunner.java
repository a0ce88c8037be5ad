package io.sabot.jit.udf;

import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.Exprs;
import io.sabot.jit.interp.Interpreter;
import io.sabot.jit.interp.ProgramRunner;
import io.sabot.jit.testing.RandomBatches;
import io.sabot.jit.testing.Vectors;
import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test support: runs a UDF call through the binder (which inlines a lifted body) and the interpreter on a batch of
 * edge, random and null inputs, and compares every row with the lambda (null where an argument is null).
 */
final class UdfRunner
{
    private UdfRunner()
    {
    }

    /** Rows of {@link UdfHarness#inputs} plus, per parameter, rows where it alone is null. */
    static List<Object[]> rows(final Udf udf, final long seed)
    {
        final List<Object[]> rows = new ArrayList<>(UdfHarness.inputs(udf, seed));
        final int n = udf.parameterTypes().size();
        final int plain = rows.size();
        for (int p = 0; p < n; p++)
        {
            for (int r = 0; r < Math.min(plain, 40); r++)
            {
                final Object[] row = rows.get(r * 7 % plain).clone();
                row[p] = null;
                rows.add(row);
            }
        }
        rows.add(new Object[n]);
        return rows;
    }

    /** The lambda's result, null when an argument is null. */
    static Object expected(final Udf udf, final Object[] row)
    {
        for (final Object v : row)
        {
            if (v == null)
            {
                return null;
            }
        }
        return UdfHarness.direct(udf, row);
    }

    /**
     * Binds {@code @udf(a0, ...)} over the inputs, runs it with the interpreter (PROJECT, and FILTER for predicates)
     * and compares with the lambda.
     *
     * @return the bound tree, for further checks.
     */
    static Bound check(final BufferAllocator allocator, final Udf udf, final long seed)
    {
        final List<Object[]> rows = rows(udf, seed);
        final int n = udf.parameterTypes().size();
        final Map<String, DataType> columns = new LinkedHashMap<>();
        final List<FieldVector> vectors = new ArrayList<>();
        final Expr[] args = new Expr[n];
        for (int p = 0; p < n; p++)
        {
            final List<Object> values = new ArrayList<>(rows.size());
            for (final Object[] row : rows)
            {
                values.add(row[p]);
            }
            columns.put("a" + p, udf.parameterTypes().get(p));
            vectors.add(RandomBatches.vectorOf(allocator, "a" + p, udf.parameterTypes().get(p), values));
            args[p] = Exprs.col("a" + p);
        }
        try (Batch batch = Batch.of(vectors))
        {
            final Bound bound = Binder.bind(Exprs.call(udf, args), RandomBatches.schema(columns));
            assertEquals(udf.returnType(), bound.type());
            final ProgramRunner.Result projected = ProgramRunner.run(
                new Interpreter(Program.Mode.PROJECT, null, List.of(bound)), Program.Mode.PROJECT, allocator, batch,
                List.of(udf.returnType()), ProgramRunner.Rows.range(0, rows.size()));
            final List<Object> values = projected.columns().getFirst();
            for (int r = 0; r < rows.size(); r++)
            {
                final Object want = expected(udf, rows.get(r));
                if (!Vectors.same(want, values.get(r)))
                {
                    fail(udf + " bound to " + bound + " on " + Arrays.toString(rows.get(r)) + ": expected " +
                        Vectors.describe(want) + ", was " + Vectors.describe(values.get(r)));
                }
            }
            if (udf.returnType() == DataType.BOOLEAN)
            {
                final ProgramRunner.Result filtered = ProgramRunner.run(
                    new Interpreter(Program.Mode.FILTER, bound, List.of()), Program.Mode.FILTER, allocator, batch,
                    List.of(), ProgramRunner.Rows.range(0, rows.size()));
                final List<Integer> want = new ArrayList<>();
                for (int r = 0; r < rows.size(); r++)
                {
                    if (Boolean.TRUE.equals(expected(udf, rows.get(r))))
                    {
                        want.add(r);
                    }
                }
                assertEquals(want, filtered.selected(), () -> udf + " as a filter");
            }
            return bound;
        }
    }
}
