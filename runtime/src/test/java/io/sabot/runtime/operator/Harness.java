package io.sabot.runtime.operator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.jit.ExpressionCompiler;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives operators directly in tests: contexts, a collecting {@link Output}, random rows of a fixed four-column
 * schema ({@code i int32, l int64, d float64, s utf8}, all nullable) turned into batches (optionally with a
 * selection over interleaved dead rows), and batch-to-rows conversion for comparing against scalar references.
 */
final class Harness
{
    static final ArrowType INT = new ArrowType.Int(32, true);
    static final ArrowType LONG = new ArrowType.Int(64, true);
    static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    static final Schema SCHEMA = schema("i", INT, "l", LONG, "d", DOUBLE, "s", UTF8);

    private static final String[] WORDS = {"", "a", "b", "ab", "ba", "abc", "zz", "é", "hello", "Hello"};

    private Harness()
    {
    }

    static Schema schema(final Object... nameTypePairs)
    {
        final List<Field> fields = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2)
        {
            fields.add(new Field((String)nameTypePairs[i], FieldType.nullable((ArrowType)nameTypePairs[i + 1]), null));
        }
        return new Schema(fields);
    }

    static OperatorContext context(final BufferAllocator allocator, final boolean bounded)
    {
        return new OperatorContext("test", 0, 1, bounded, allocator, ExpressionCompiler.shared());
    }

    /** Collects emitted batches; {@link #close()} frees them. */
    static final class Collector implements Output, AutoCloseable
    {
        final List<Batch> batches = new ArrayList<>();
        final List<Watermark> watermarks = new ArrayList<>();
        final List<CheckpointBarrier> barriers = new ArrayList<>();

        @Override
        public void emit(final Batch batch)
        {
            batches.add(batch);
        }

        @Override
        public void emitWatermark(final Watermark watermark)
        {
            watermarks.add(watermark);
        }

        @Override
        public void emitBarrier(final CheckpointBarrier barrier)
        {
            barriers.add(barrier);
        }

        /** @return the live rows of every batch emitted so far, in order. */
        List<List<Object>> rows()
        {
            final List<List<Object>> rows = new ArrayList<>();
            for (final Batch batch : batches)
            {
                rows.addAll(Harness.rows(batch));
            }
            return rows;
        }

        /** @return the live rows of the batches emitted since {@code from}, and closes nothing. */
        List<List<Object>> rowsSince(final int from)
        {
            final List<List<Object>> rows = new ArrayList<>();
            for (int b = from; b < batches.size(); b++)
            {
                rows.addAll(Harness.rows(batches.get(b)));
            }
            return rows;
        }

        @Override
        public void close()
        {
            release();
        }

        /** Frees every batch collected so far. */
        void release()
        {
            for (final Batch batch : batches)
            {
                batch.close();
            }
            batches.clear();
        }
    }

    /** @return the batch's live rows as lists of Java values (utf8 as String). */
    static List<List<Object>> rows(final Batch batch)
    {
        final Rows live = batch.rows();
        final List<List<Object>> rows = new ArrayList<>(live.count());
        for (int i = 0; i < live.count(); i++)
        {
            final int r = live.rowAt(i);
            final List<Object> row = new ArrayList<>(batch.columnCount());
            for (final FieldVector column : batch.columns())
            {
                final Object value = column.getObject(r);
                row.add(value instanceof Text text ? text.toString() : value);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * @return {@code n} random rows of {@link #SCHEMA}; {@code keys} distinct values for i and s, and nulls with
     *     probability {@code nulls}.
     */
    static List<Object[]> randomRows(final SplittableRandom random, final int n, final int keys, final double nulls)
    {
        final List<Object[]> rows = new ArrayList<>(n);
        for (int r = 0; r < n; r++)
        {
            final Object i = random.nextDouble() < nulls ? null : random.nextInt(keys) - keys / 3;
            final Object l = random.nextDouble() < nulls ? null : random.nextLong(-1_000_000, 1_000_000);
            final Object d;
            if (random.nextDouble() < nulls)
            {
                d = null;
            }
            else
            {
                final int pick = random.nextInt(20);
                d = pick == 0 ? Double.NaN : pick == 1 ? -0.0 : pick == 2 ? 0.0 : (double)random.nextInt(keys) +
                    (random.nextBoolean() ? 0.5 : 0.0);
            }
            final Object s = random.nextDouble() < nulls ? null : WORDS[random.nextInt(Math.min(keys, WORDS.length))];
            rows.add(new Object[] {i, l, d, s});
        }
        return rows;
    }

    /** Splits rows into random batch sizes (including empty batches) and builds the batches. */
    static List<Batch> batches(final BufferAllocator allocator, final SplittableRandom random, final List<Object[]> rows,
        final Schema schema)
    {
        final List<Batch> batches = new ArrayList<>();
        int at = 0;
        while (at < rows.size() || batches.isEmpty())
        {
            final int size = Math.min(rows.size() - at, random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(200));
            batches.add(batch(allocator, random, rows.subList(at, at + size), schema, random.nextBoolean()));
            at += size;
        }
        return batches;
    }

    /**
     * @return a batch whose live rows are {@code rows}; with {@code select}, physical rows include random dead rows
     *     and a selection names the live ones.
     */
    static Batch batch(final BufferAllocator allocator, final SplittableRandom random, final List<Object[]> rows,
        final Schema schema, final boolean select)
    {
        final List<Object[]> physical = new ArrayList<>();
        final List<Integer> live = new ArrayList<>();
        for (final Object[] row : rows)
        {
            while (select && random.nextInt(3) == 0)
            {
                final Object[] dead = new Object[row.length];
                Arrays.fill(dead, null);
                for (int c = 0; c < row.length; c++)
                {
                    dead[c] = deadValue(schema.getFields().get(c).getType());
                }
                physical.add(dead);
            }
            live.add(physical.size());
            physical.add(row);
        }
        final List<FieldVector> columns = new ArrayList<>();
        for (int c = 0; c < schema.getFields().size(); c++)
        {
            columns.add(vector(allocator, schema.getFields().get(c), physical, c));
        }
        if (!select)
        {
            return Batch.of(columns);
        }
        final int[] positions = live.stream().mapToInt(Integer::intValue).toArray();
        return Batch.of(columns, SelectionVector.of(allocator, positions));
    }

    private static Object deadValue(final ArrowType type)
    {
        if (type.equals(INT))
        {
            return 424242;
        }
        if (type.equals(LONG))
        {
            return 424242L;
        }
        if (type.equals(DOUBLE))
        {
            return 4242.42;
        }
        return "dead";
    }

    static FieldVector vector(final BufferAllocator allocator, final Field field, final List<Object[]> rows,
        final int c)
    {
        final FieldVector vector = field.createVector(allocator);
        vector.setInitialCapacity(Math.max(rows.size(), 1));
        vector.allocateNew();
        for (int r = 0; r < rows.size(); r++)
        {
            final Object value = rows.get(r)[c];
            if (value == null)
            {
                continue;
            }
            switch (vector)
            {
                case IntVector v -> v.setSafe(r, (Integer)value);
                case BigIntVector v -> v.setSafe(r, (Long)value);
                case Float8Vector v -> v.setSafe(r, (Double)value);
                case VarCharVector v -> v.setSafe(r, ((String)value).getBytes(StandardCharsets.UTF_8));
                case org.apache.arrow.vector.DecimalVector v -> v.setSafe(r, (java.math.BigDecimal)value);
                default -> throw new IllegalArgumentException(vector.getClass().toString());
            }
        }
        vector.setValueCount(rows.size());
        return vector;
    }

    /** Compares values: doubles with a relative tolerance (NaN equals NaN), everything else with equals. */
    static boolean same(final Object a, final Object b)
    {
        if (a instanceof Double x && b instanceof Double y)
        {
            if (Double.isNaN(x) || Double.isNaN(y))
            {
                return Double.isNaN(x) && Double.isNaN(y);
            }
            return x.equals(y) || Math.abs(x - y) <= 1e-9 * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
        }
        return a == null ? b == null : a.equals(b);
    }

    static void assertSameRows(final List<List<Object>> expected, final List<List<Object>> actual, final String what)
    {
        assertEquals(expected.size(), actual.size(), () -> what + ": row count; expected " + expected + " actual " +
            actual);
        for (int r = 0; r < expected.size(); r++)
        {
            final List<Object> e = expected.get(r);
            final List<Object> a = actual.get(r);
            final int row = r;
            assertEquals(e.size(), a.size(), () -> what + ": width of row " + row);
            for (int c = 0; c < e.size(); c++)
            {
                if (!same(e.get(c), a.get(c)))
                {
                    fail(what + ": row " + r + " column " + c + " expected " + e + " actual " + a);
                }
            }
        }
    }

    static List<Object> list(final Object[] row)
    {
        return new ArrayList<>(Arrays.asList(row));
    }

    static void closeAll(final List<Batch> batches)
    {
        for (final Batch batch : batches)
        {
            batch.close();
        }
    }
}
