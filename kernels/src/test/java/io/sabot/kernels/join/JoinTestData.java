package io.sabot.kernels.join;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/**
 * Column-of-objects test tables for the join tests: Java values (null = SQL null) turned into Arrow batches, plus the
 * nested-loop reference join.
 */
final class JoinTestData
{
    enum Kind
    {
        INT64(new ArrowType.Int(64, true)),
        INT32(new ArrowType.Int(32, true)),
        DATE(new ArrowType.Date(DateUnit.DAY)),
        UTF8(ArrowType.Utf8.INSTANCE);

        final ArrowType type;

        Kind(final ArrowType type)
        {
            this.type = type;
        }
    }

    /** A named column of Java values. */
    record Col(String name, Kind kind, Object[] values)
    {
        Field field()
        {
            return new Field(name, FieldType.nullable(kind.type), null);
        }
    }

    private JoinTestData()
    {
    }

    static Schema schema(final List<Col> cols)
    {
        final List<Field> fields = new ArrayList<>();
        for (final Col col : cols)
        {
            fields.add(col.field());
        }
        return new Schema(fields);
    }

    /** @return a vector holding {@code values[from, to)}. */
    static FieldVector vector(final BufferAllocator allocator, final Col col, final int from, final int to)
    {
        final int n = to - from;
        switch (col.kind)
        {
            case INT64 ->
            {
                final BigIntVector v = new BigIntVector(col.name, allocator);
                v.allocateNew(n);
                for (int i = 0; i < n; i++)
                {
                    final Object o = col.values[from + i];
                    if (o == null)
                    {
                        v.setNull(i);
                    }
                    else
                    {
                        v.set(i, (Long)o);
                    }
                }
                v.setValueCount(n);
                return v;
            }
            case INT32, DATE ->
            {
                final FieldVector v = col.kind == Kind.INT32 ? new IntVector(col.name, allocator) :
                    new DateDayVector(col.name, allocator);
                v.setInitialCapacity(n);
                v.allocateNew();
                for (int i = 0; i < n; i++)
                {
                    final Object o = col.values[from + i];
                    if (o == null)
                    {
                        ((org.apache.arrow.vector.BaseFixedWidthVector)v).setNull(i);
                    }
                    else if (v instanceof IntVector iv)
                    {
                        iv.setSafe(i, (Integer)o);
                    }
                    else
                    {
                        ((DateDayVector)v).setSafe(i, (Integer)o);
                    }
                }
                v.setValueCount(n);
                return v;
            }
            default ->
            {
                final VarCharVector v = new VarCharVector(col.name, allocator);
                v.allocateNew(n);
                for (int i = 0; i < n; i++)
                {
                    final Object o = col.values[from + i];
                    if (o == null)
                    {
                        v.setNull(i);
                    }
                    else
                    {
                        v.setSafe(i, ((String)o).getBytes(StandardCharsets.UTF_8));
                    }
                }
                v.setValueCount(n);
                return v;
            }
        }
    }

    static Batch batch(final BufferAllocator allocator, final List<Col> cols, final int from, final int to)
    {
        return batch(allocator, cols, from, to, null);
    }

    static Batch batch(final BufferAllocator allocator, final List<Col> cols, final int from, final int to,
        final int[] selection)
    {
        final List<FieldVector> vectors = new ArrayList<>();
        for (final Col col : cols)
        {
            vectors.add(vector(allocator, col, from, to));
        }
        return selection == null ? Batch.of(vectors) : Batch.of(vectors, SelectionVector.of(allocator, selection));
    }

    /** @return the Java value of a vector cell (utf8 as String), null for null. */
    static Object value(final FieldVector vector, final int row)
    {
        final Object o = vector.getObject(row);
        return o instanceof Text t ? t.toString() : o;
    }

    /**
     * The reference (a HashMap of key tuples, independent of the kernel): for each probe row in {@code probeRows}
     * order, the (probe row, build row id) pairs the join type produces, build ids ascending, -1 for none.
     */
    static List<long[]> reference(final JoinType type, final List<Col> buildKeys, final int[] buildRowsInOrder,
        final List<Col> probeKeys, final int[] probeRows)
    {
        final Map<List<Object>, List<Integer>> table = new HashMap<>();
        for (int id = 0; id < buildRowsInOrder.length; id++)
        {
            final List<Object> key = key(buildKeys, buildRowsInOrder[id]);
            if (key != null)
            {
                table.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
            }
        }
        final List<long[]> out = new ArrayList<>();
        for (final int p : probeRows)
        {
            final List<Object> key = key(probeKeys, p);
            final List<Integer> matches = key == null ? List.of() : table.getOrDefault(key, List.of());
            switch (type)
            {
                case INNER -> matches.forEach(b -> out.add(new long[] {p, b}));
                case LEFT_OUTER ->
                {
                    if (matches.isEmpty())
                    {
                        out.add(new long[] {p, -1});
                    }
                    else
                    {
                        matches.forEach(b -> out.add(new long[] {p, b}));
                    }
                }
                case SEMI ->
                {
                    if (!matches.isEmpty())
                    {
                        out.add(new long[] {p, -1});
                    }
                }
                default ->
                {
                    if (matches.isEmpty())
                    {
                        out.add(new long[] {p, -1});
                    }
                }
            }
        }
        return out;
    }

    /** @return the key tuple of a row, or null when any key column is null. */
    static List<Object> key(final List<Col> keys, final int row)
    {
        final List<Object> key = new ArrayList<>(keys.size());
        for (final Col col : keys)
        {
            final Object v = col.values[row];
            if (v == null)
            {
                return null;
            }
            key.add(v);
        }
        return key;
    }

    /**
     * Nested-loop inner join for small inputs, to cross-check the HashMap reference itself: pairs in probe order,
     * build ids ascending.
     */
    static List<long[]> nestedLoopInner(final List<Col> buildKeys, final int[] buildRowsInOrder,
        final List<Col> probeKeys, final int[] probeRows)
    {
        final List<long[]> out = new ArrayList<>();
        for (final int p : probeRows)
        {
            for (int id = 0; id < buildRowsInOrder.length; id++)
            {
                if (keysEqual(buildKeys, buildRowsInOrder[id], probeKeys, p))
                {
                    out.add(new long[] {p, id});
                }
            }
        }
        return out;
    }

    /** @return true when both rows have all keys non-null and equal (SQL equality). */
    static boolean keysEqual(final List<Col> buildKeys, final int b, final List<Col> probeKeys, final int p)
    {
        for (int c = 0; c < buildKeys.size(); c++)
        {
            final Object bv = buildKeys.get(c).values[b];
            final Object pv = probeKeys.get(c).values[p];
            if (bv == null || pv == null || !Objects.equals(bv, pv))
            {
                return false;
            }
        }
        return true;
    }
}
