package io.sabot.jit.interp;

import io.sabot.jit.testing.PhysicalTypes;
import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.interp.ProgramRunner.Rows;
import io.sabot.jit.testing.RandomBatches;
import io.sabot.jit.testing.RandomExprs;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The interpreter on trees produced by the real {@link Binder} (from parsed text and from random expressions),
 * compared with {@link ScalarReference}: whatever the binder emits, the interpreter runs.
 */
final class InterpreterBoundByBinderTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void boundTextAndRandomExpressionsMatchTheScalarReference()
    {
        final Random random = new Random(2026);
        final Schema schema = RandomBatches.schema(BoundCatalogue.COLUMNS);
        final List<Bound> projections = new ArrayList<>();
        for (final String text : List.of("d1 * d2 + d1 > 10.0", "i1 / i2 + l1", "coalesce(f1, i1, 0)",
            "abs(i1) % 7", "starts_with(s1, 'a') or contains(s2, '🙂')", "length(s1) * 2L", "sqrt(i1) + pow(f1, 2)"))
        {
            projections.add(Binder.bind(ExprParser.parse(text), schema));
        }
        for (int i = 0; i < 200; i++)
        {
            projections.add(Binder.bind(RandomExprs.generate(random, BoundCatalogue.COLUMNS,
                PhysicalTypes.values()[i % PhysicalTypes.values().length], 4), schema));
        }
        final Bound predicate = Binder.bindPredicate(RandomExprs.generate(random, BoundCatalogue.COLUMNS,
            DataType.BOOLEAN, 3), schema);
        final List<DataType> types = projections.stream().map(Bound::type).toList();
        try (Batch batch = RandomBatches.createSliced(memory.allocator(), random, BoundCatalogue.COLUMNS, 517, 0.2,
            9))
        {
            final Rows rows = Rows.selection(RandomBatches.selection(random, 517, 400));
            InterpreterRandomTest.check("bound by the binder, PROJECT", projections,
                ProgramRunner.expected(Program.Mode.PROJECT, null, projections, batch, rows),
                ProgramRunner.run(new Interpreter(Program.Mode.PROJECT, null, projections), Program.Mode.PROJECT,
                    memory.allocator(), batch, types, rows));
            InterpreterRandomTest.check("bound by the binder, FILTER_PROJECT " + predicate, projections,
                ProgramRunner.expected(Program.Mode.FILTER_PROJECT, predicate, projections, batch, rows),
                ProgramRunner.run(new Interpreter(Program.Mode.FILTER_PROJECT, predicate, projections),
                    Program.Mode.FILTER_PROJECT, memory.allocator(), batch, types, rows));
        }
    }
}
