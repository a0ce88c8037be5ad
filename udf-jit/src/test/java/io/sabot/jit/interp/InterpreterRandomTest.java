package io.sabot.jit.interp;

import io.sabot.jit.testing.PhysicalTypes;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.StringOp;
import io.sabot.jit.interp.ProgramRunner.Result;
import io.sabot.jit.interp.ProgramRunner.Rows;
import io.sabot.jit.testing.RandomBatches;
import io.sabot.jit.testing.Vectors;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.simd.CompareOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every node kind with every operand type combination ({@link BoundCatalogue}) run by the interpreter in all three
 * modes and compared with {@link ScalarReference}, on random batches with nulls and edge values, whole and sliced at
 * odd offsets, over ranges with offsets and selections with repeats and unsorted positions.
 */
final class InterpreterRandomTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 129, 1001, 5003})
    void everyNodeMatchesTheScalarReference(final int size)
    {
        final Random random = new Random(1000L + size);
        final List<Bound> all = BoundCatalogue.all(random);
        final List<Bound> predicates = BoundCatalogue.predicates(random);
        final List<DataType> types = all.stream().map(Bound::type).toList();
        assertTrue(all.size() > 500, "catalogue too small: " + all.size());
        final Interpreter project = new Interpreter(Program.Mode.PROJECT, null, all);
        final double nullFraction = size == 64 ? 0.0 : size == 65 ? 0.9 : 0.2;
        // large batches run once (sliced for the largest) to keep the suite quick; small ones both ways
        final boolean[] variants = size >= 5000 ? new boolean[]{true} : size >= 1000 ? new boolean[]{false} :
            new boolean[]{false, true};
        for (final boolean sliced : variants)
        {
            try (Batch batch = sliced ?
                RandomBatches.createSliced(memory.allocator(), random, BoundCatalogue.COLUMNS, size, nullFraction,
                    2 * random.nextInt(10) + 1) :
                RandomBatches.create(memory.allocator(), random, BoundCatalogue.COLUMNS, size, nullFraction))
            {
                final List<Rows> layouts = layouts(random, size);
                for (int l = 0; l < layouts.size(); l++)
                {
                    final Rows rows = layouts.get(l);
                    final String where = "size " + size + (sliced ? " sliced" : "") + ", " + rows;
                    check(where + ", PROJECT", all,
                        ProgramRunner.expected(Program.Mode.PROJECT, null, all, batch, rows),
                        ProgramRunner.run(project, Program.Mode.PROJECT, memory.allocator(), batch, types, rows));
                    for (final Bound predicate : predicates)
                    {
                        final Interpreter filter = new Interpreter(Program.Mode.FILTER, predicate, List.of());
                        check(where + ", FILTER " + predicate, List.of(),
                            ProgramRunner.expected(Program.Mode.FILTER, predicate, List.of(), batch, rows),
                            ProgramRunner.run(filter, Program.Mode.FILTER, memory.allocator(), batch, List.of(),
                                rows));
                    }
                    for (final Bound predicate : fusedPredicates())
                    {
                        if (size >= 1000 && l > 0)
                        {
                            break; // the whole range already fused every projection with every predicate
                        }
                        final Interpreter fused = new Interpreter(Program.Mode.FILTER_PROJECT, predicate, all);
                        check(where + ", FILTER_PROJECT " + predicate, all,
                            ProgramRunner.expected(Program.Mode.FILTER_PROJECT, predicate, all, batch, rows),
                            ProgramRunner.run(fused, Program.Mode.FILTER_PROJECT, memory.allocator(), batch, types,
                                rows));
                    }
                }
            }
        }
    }

    @Test
    void randomNestedTreesMatchTheScalarReference()
    {
        final Random random = new Random(77);
        final List<Bound> trees = new ArrayList<>();
        final List<Bound> predicates = new ArrayList<>();
        for (int i = 0; i < 400; i++)
        {
            trees.add(RandomBoundTrees.tree(random, PhysicalTypes.values()[i % PhysicalTypes.values().length], 5));
        }
        for (int i = 0; i < 40; i++)
        {
            predicates.add(RandomBoundTrees.tree(random, DataType.BOOLEAN, 5));
        }
        final List<DataType> types = trees.stream().map(Bound::type).toList();
        try (Batch batch = RandomBatches.createSliced(memory.allocator(), random, BoundCatalogue.COLUMNS, 301, 0.15,
            5))
        {
            final Result whole = ProgramRunner.expected(Program.Mode.PROJECT, null, trees, batch, Rows.range(0, 301));
            final long valid = whole.columns().stream().flatMap(List::stream).filter(v -> v != null).count();
            assertTrue(valid > 301L * trees.size() / 4, "trees too often null: " + valid);
            for (final Rows rows : layouts(random, 301))
            {
                check("random trees, " + rows + ", PROJECT", trees,
                    ProgramRunner.expected(Program.Mode.PROJECT, null, trees, batch, rows),
                    ProgramRunner.run(new Interpreter(Program.Mode.PROJECT, null, trees), Program.Mode.PROJECT,
                        memory.allocator(), batch, types, rows));
                for (final Bound predicate : predicates)
                {
                    check("random trees, " + rows + ", FILTER_PROJECT " + predicate, trees.subList(0, 30),
                        ProgramRunner.expected(Program.Mode.FILTER_PROJECT, predicate, trees.subList(0, 30), batch,
                            rows),
                        ProgramRunner.run(new Interpreter(Program.Mode.FILTER_PROJECT, predicate,
                            trees.subList(0, 30)), Program.Mode.FILTER_PROJECT, memory.allocator(), batch,
                            types.subList(0, 30), rows));
                }
            }
        }
    }

    @Test
    void theCatalogueCoversEveryNodeKindAndType()
    {
        final Set<String> seen = new HashSet<>();
        for (final Bound b : BoundCatalogue.all(new Random(1)))
        {
            collect(b, seen);
        }
        for (final Class<?> kind : Bound.class.getPermittedSubclasses())
        {
            assertTrue(seen.contains(kind.getSimpleName()), "no " + kind.getSimpleName() + " in the catalogue");
        }
        // result types per kind that the binder can produce
        for (final DataType type : PhysicalTypes.values())
        {
            for (final String kind : List.of("Column", "Literal", "If", "Coalesce"))
            {
                assertTrue(seen.contains(kind + ":" + type), kind + ":" + type);
            }
            if (type.isNumeric())
            {
                for (final String kind : List.of("Arith", "Negate", "MathCall", "Cast"))
                {
                    assertTrue(seen.contains(kind + ":" + type), kind + ":" + type);
                }
            }
            assertTrue(seen.contains("Compare(" + type + ")"), "Compare of " + type);
            assertTrue(seen.contains("IsNull(" + type + ")"), "IsNull of " + type);
        }
        for (final DataType from : PhysicalTypes.values())
        {
            for (final DataType to : PhysicalTypes.values())
            {
                if (from != to && from != DataType.UTF8 && to != DataType.UTF8)
                {
                    assertTrue(seen.contains("Cast(" + from + "):" + to), "cast " + from + " -> " + to);
                }
            }
        }
    }

    private static void collect(final Bound b, final Set<String> seen)
    {
        final String kind = b.getClass().getSimpleName();
        seen.add(kind);
        seen.add(kind + ":" + b.type());
        switch (b)
        {
            case Bound.Compare c -> seen.add("Compare(" + c.left().type() + ")");
            case Bound.IsNull n -> seen.add("IsNull(" + n.arg().type() + ")");
            case Bound.Cast c -> seen.add("Cast(" + c.arg().type() + "):" + c.type());
            default ->
            {
            }
        }
        for (final RecordComponent component : b.getClass().getRecordComponents())
        {
            try
            {
                final Object value = component.getAccessor().invoke(b);
                if (value instanceof Bound child)
                {
                    collect(child, seen);
                }
                else if (value instanceof List<?> list)
                {
                    for (final Object item : list)
                    {
                        collect((Bound)item, seen);
                    }
                }
            }
            catch (final ReflectiveOperationException e)
            {
                throw new AssertionError(e);
            }
        }
    }

    private static List<Bound> fusedPredicates()
    {
        return List.of(BoundCatalogue.col("b1"),
            new Bound.Or(new Bound.Compare(CompareOp.GT, BoundCatalogue.col("d1"), BoundCatalogue.f64(0.0)),
                new Bound.StringPredicate(StringOp.CONTAINS, BoundCatalogue.col("s1"),
                    BoundCatalogue.lit(DataType.UTF8, "b"))),
            BoundCatalogue.nul(DataType.BOOLEAN));
    }

    /** Whole range, a range at an odd offset, and a selection with repeats in random order. */
    private static List<Rows> layouts(final Random random, final int size)
    {
        final List<Rows> rows = new ArrayList<>();
        rows.add(Rows.range(0, size));
        if (size > 4)
        {
            final int offset = 2 * random.nextInt(size / 4) + 1;
            rows.add(Rows.range(offset, size - offset - random.nextInt(2)));
        }
        rows.add(Rows.selection(RandomBatches.selection(random, size, size == 0 ? 0 : size / 2 + 7)));
        return rows;
    }

    static void check(final String where, final List<Bound> projections, final Result expected,
        final Result actual)
    {
        assertEquals(expected.selected(), actual.selected(), where + ": selection");
        assertEquals(projections.size(), actual.columns().size(), where + ": outputs");
        for (int p = 0; p < projections.size(); p++)
        {
            final List<Object> want = expected.columns().get(p);
            final List<Object> got = actual.columns().get(p);
            assertEquals(want.size(), got.size(), where + ": rows of " + projections.get(p));
            for (int i = 0; i < want.size(); i++)
            {
                if (!Vectors.same(want.get(i), got.get(i)))
                {
                    fail(where + ": output row " + i + " of " + projections.get(p) + ": expected " +
                        Vectors.describe(want.get(i)) + " but was " + Vectors.describe(got.get(i)));
                }
            }
        }
    }
}
