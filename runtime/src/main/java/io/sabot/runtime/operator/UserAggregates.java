package io.sabot.runtime.operator;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.common.StateException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The {@link Aggregate.Function#USER user aggregates} of one operator instance: per user aggregate, one accumulator
 * per group (group ids as the operator's {@link io.sabot.kernels.hashagg.HashAggregator} numbers them, so the kernel
 * hashes the keys once for both), fed rows with their group ids, merged and moved by group, emitted into Arrow
 * vectors and serialized into a binary column for snapshots.
 *
 * <pre>
 *   accumulators[u][g]   user aggregate u's accumulator of group g (null until the group's first row)
 *   row values           read straight from the batch's buffers per input (no boxing on Sabot's side)
 * </pre>
 *
 * <p>Ownership: accumulators are heap objects owned here; emitted vectors belong to the caller. Not thread-safe.
 */
final class UserAggregates
{
    /** Suffix of the snapshot column holding a user aggregate's serialized accumulators. */
    static final String STATE_SUFFIX = "$user";

    // how a row value is read
    private static final int S1 = 1;
    private static final int S2 = 2;
    private static final int S4 = 3;
    private static final int S8 = 4;
    private static final int U1 = 5;
    private static final int U2 = 6;
    private static final int U4 = 7;
    private static final int U8 = 8;
    private static final int F4 = 9;
    private static final int F8 = 10;
    private static final int STR = 11;

    private final List<Aggregate> aggregates;
    private final UserAggregateFunction<Object>[] functions;
    private final Object[][] accumulators;
    private final RowValues values = new RowValues();
    private final ResultSlot slot = new ResultSlot();
    private int[][] columnIndexes;
    private int[][] readers;
    private Schema boundSchema;
    private int capacity;

    /** @param aggregates every aggregate of the operator; the user ones are kept, in order. */
    @SuppressWarnings("unchecked")
    UserAggregates(final List<Aggregate> aggregates)
    {
        final List<Aggregate> users = new ArrayList<>();
        for (final Aggregate aggregate : aggregates)
        {
            if (aggregate.function() == Aggregate.Function.USER)
            {
                users.add(aggregate);
            }
        }
        this.aggregates = List.copyOf(users);
        this.functions = new UserAggregateFunction[users.size()];
        this.accumulators = new Object[users.size()][];
        for (int u = 0; u < functions.length; u++)
        {
            functions[u] = (UserAggregateFunction<Object>)users.get(u).userFunction();
            accumulators[u] = new Object[0];
        }
    }

    /** @return how many user aggregates there are. */
    int size()
    {
        return functions.length;
    }

    /**
     * @param name  the aggregate, for messages.
     * @param field an input column.
     * @param input how the function reads it.
     * @return the reader code.
     * @throws SchemaException when the column's type does not fit.
     */
    static int reader(final String name, final Field field, final UserAggregateFunction.Input input)
    {
        final ArrowType type = field.getType();
        final int integer = switch (type)
        {
            case ArrowType.Int i -> switch (i.getBitWidth())
            {
                case 8 -> i.getIsSigned() ? S1 : U1;
                case 16 -> i.getIsSigned() ? S2 : U2;
                case 32 -> i.getIsSigned() ? S4 : U4;
                default -> i.getIsSigned() ? S8 : U8;
            };
            case ArrowType.Date d -> d.getUnit() == DateUnit.DAY ? S4 : S8;
            case ArrowType.Time t -> t.getBitWidth() == 32 ? S4 : S8;
            case ArrowType.Timestamp t -> S8;
            default -> 0;
        };
        final int code = switch (input)
        {
            case LONG -> integer;
            case DOUBLE -> type instanceof ArrowType.FloatingPoint f ?
                (f.getPrecision() == FloatingPointPrecision.SINGLE ? F4 :
                    f.getPrecision() == FloatingPointPrecision.DOUBLE ? F8 : 0) :
                type instanceof ArrowType.Int ? integer : 0;
            case STRING -> type instanceof ArrowType.Utf8 ? STR : 0;
        };
        if (code == 0)
        {
            throw new SchemaException("user aggregate '" + name + "' reads column '" + field.getName() + "' as " +
                input + " but its type is " + type + " (" + switch (input)
                {
                    case LONG -> "integers, dates, times and timestamps";
                    case DOUBLE -> "floating-point and integer columns";
                    case STRING -> "utf8 columns";
                } + " fit)");
        }
        return code;
    }

    /**
     * @param name the aggregate, for messages.
     * @param type its declared result type.
     * @throws SchemaException when results of that type cannot be written.
     */
    static void checkResultType(final String name, final ArrowType type)
    {
        final boolean ok = type instanceof ArrowType.Int i && i.getIsSigned() &&
            (i.getBitWidth() == 64 || i.getBitWidth() == 32) ||
            type instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.DOUBLE ||
            type instanceof ArrowType.Utf8 || type instanceof ArrowType.Bool;
        if (!ok)
        {
            throw new SchemaException("user aggregate '" + name + "' has result type " + type +
                "; supported are int64, int32, float64, utf8 and boolean");
        }
    }

    /** Finds and checks the input columns of every user aggregate in {@code schema} (once per schema). */
    void bind(final Schema schema)
    {
        if (functions.length == 0 || schema.equals(boundSchema))
        {
            return;
        }
        final int[][] indexes = new int[functions.length][];
        final int[][] codes = new int[functions.length][];
        for (int u = 0; u < functions.length; u++)
        {
            final Aggregate aggregate = aggregates.get(u);
            aggregate.userResultType(schema);
            final List<String> columns = aggregate.columns();
            final List<UserAggregateFunction.Input> inputs = functions[u].inputs();
            indexes[u] = new int[columns.size()];
            codes[u] = new int[columns.size()];
            for (int i = 0; i < columns.size(); i++)
            {
                indexes[u][i] = Batches.indexOf(schema, columns.get(i), "user aggregate input");
                codes[u][i] = reader(aggregate.name(), schema.getFields().get(indexes[u][i]), inputs.get(i));
            }
        }
        columnIndexes = indexes;
        readers = codes;
        boundSchema = schema;
    }

    /** Makes room for groups {@code 0..groups-1}. */
    void ensureGroups(final int groups)
    {
        if (groups <= capacity)
        {
            return;
        }
        final int grown = Math.max(groups, Math.max(16, capacity * 2));
        for (int u = 0; u < functions.length; u++)
        {
            accumulators[u] = Arrays.copyOf(accumulators[u], grown);
        }
        capacity = grown;
    }

    /**
     * Adds rows to their groups' accumulators.
     *
     * @param batch    the input (bound by {@link #bind}).
     * @param rows     the rows the kernel read, in its order.
     * @param groupIds the kernel's group per row read ({@code HashAggregator.lastGroupIds}).
     * @param groups   the kernel's group count after the call.
     */
    void add(final Batch batch, final Rows rows, final MemorySegment groupIds, final int groups)
    {
        if (functions.length == 0)
        {
            return;
        }
        ensureGroups(groups);
        final int n = rows.count();
        for (int u = 0; u < functions.length; u++)
        {
            final UserAggregateFunction<Object> function = functions[u];
            final Object[] accs = accumulators[u];
            values.bind(batch, columnIndexes[u], readers[u]);
            for (int i = 0; i < n; i++)
            {
                final int g = groupIds.get(Layouts.INT_UNALIGNED, 4L * i);
                values.row = rows.rowAt(i);
                Object acc = accs[g];
                if (acc == null)
                {
                    acc = function.createAccumulator();
                }
                accs[g] = function.add(acc, values);
            }
            values.release();
        }
    }

    /** Merges group {@code from}'s accumulators into group {@code into}'s and clears {@code from}. */
    void merge(final int into, final int from)
    {
        for (int u = 0; u < functions.length; u++)
        {
            final Object[] accs = accumulators[u];
            final Object other = accs[from];
            accs[from] = null;
            if (other != null)
            {
                accs[into] = accs[into] == null ? other : functions[u].merge(accs[into], other);
            }
        }
    }

    /** Moves group {@code from}'s accumulators to group {@code to} (compaction: {@code to <= from}). */
    void move(final int to, final int from)
    {
        for (int u = 0; u < functions.length; u++)
        {
            final Object[] accs = accumulators[u];
            final Object acc = accs[from];
            accs[from] = null;
            accs[to] = acc;
        }
    }

    /** Forgets every group from {@code groups} on. */
    void truncate(final int groups)
    {
        for (int u = 0; u < functions.length; u++)
        {
            Arrays.fill(accumulators[u], Math.min(groups, capacity), capacity, null);
        }
    }

    /**
     * @param u         which user aggregate.
     * @param allocator where the vector lives.
     * @param groupIds  int32 group ids (little-endian), or {@code null} for groups {@code 0..n-1}.
     * @param n         how many rows.
     * @return the results of those groups under the aggregate's name, owned by the caller; a group without an
     *     accumulator gets the result of a fresh one.
     */
    FieldVector result(final int u, final BufferAllocator allocator, final MemorySegment groupIds, final int n)
    {
        final Aggregate aggregate = aggregates.get(u);
        final FieldVector vector = new Field(aggregate.name(),
            FieldType.nullable(functions[u].resultType()), null).createVector(allocator);
        try
        {
            vector.setInitialCapacity(Math.max(n, 1));
            vector.allocateNew();
            slot.vector = vector;
            for (int i = 0; i < n; i++)
            {
                final int g = groupIds == null ? i : groupIds.get(Layouts.INT_UNALIGNED, 4L * i);
                final Object acc = g < capacity ? accumulators[u][g] : null;
                slot.begin(i);
                functions[u].result(acc == null ? functions[u].createAccumulator() : acc, slot);
                slot.end();
            }
            vector.setValueCount(n);
            return vector;
        }
        catch (final RuntimeException | Error e)
        {
            vector.close();
            throw e;
        }
        finally
        {
            slot.vector = null;
        }
    }

    /** @return the result of an accumulator that saw no rows (the empty global aggregation's row). */
    FieldVector emptyResult(final int u, final BufferAllocator allocator)
    {
        // a group id beyond the accumulators: result() uses a fresh accumulator
        return result(u, allocator, MemorySegment.ofArray(new int[] {capacity}), 1);
    }

    /**
     * @return per user aggregate, a binary column {@code name$user} with the serialized accumulators of the groups
     *     (null for a group without one), for a snapshot; owned by the caller.
     */
    List<FieldVector> serialize(final BufferAllocator allocator, final MemorySegment groupIds, final int n)
    {
        final List<FieldVector> columns = new ArrayList<>(functions.length);
        try
        {
            for (int u = 0; u < functions.length; u++)
            {
                final VarBinaryVector vector = new VarBinaryVector(aggregates.get(u).name() + STATE_SUFFIX,
                    allocator);
                columns.add(vector);
                vector.allocateNew(Math.max(n, 1));
                for (int i = 0; i < n; i++)
                {
                    final int g = groupIds == null ? i : groupIds.get(Layouts.INT_UNALIGNED, 4L * i);
                    final Object acc = g < capacity ? accumulators[u][g] : null;
                    if (acc == null)
                    {
                        vector.setNull(i);
                    }
                    else
                    {
                        vector.setSafe(i, functions[u].serializer().serialize(acc));
                    }
                }
                vector.setValueCount(n);
            }
            return columns;
        }
        catch (final RuntimeException | Error e)
        {
            Batches.closeAll(columns);
            throw e;
        }
    }

    /**
     * Merges snapshotted accumulators (columns from {@link #serialize}) into their groups.
     *
     * @param snapshot the snapshot batch (its selection, if any, names the rows restored).
     * @param groupIds the group of each restored row, in the order read.
     * @param groups   the group count after the restore.
     * @throws StateException when a column is missing or a value does not deserialize.
     */
    void restore(final Batch snapshot, final MemorySegment groupIds, final int groups)
    {
        if (functions.length == 0)
        {
            return;
        }
        ensureGroups(groups);
        final Rows rows = snapshot.rows();
        for (int u = 0; u < functions.length; u++)
        {
            final String name = aggregates.get(u).name() + STATE_SUFFIX;
            final FieldVector column;
            try
            {
                column = snapshot.column(name);
            }
            catch (final RuntimeException e)
            {
                throw new StateException("snapshot has no column '" + name + "' for user aggregate " +
                    aggregates.get(u), e);
            }
            if (!(column instanceof VarBinaryVector states))
            {
                throw new StateException("snapshot column '" + name + "' is " + column.getField().getType() +
                    ", expected binary", null);
            }
            for (int i = 0; i < rows.count(); i++)
            {
                final int row = rows.rowAt(i);
                if (states.isNull(row))
                {
                    continue;
                }
                final Object acc;
                try
                {
                    acc = functions[u].serializer().deserialize(states.get(row));
                }
                catch (final RuntimeException e)
                {
                    throw new StateException("cannot read user aggregate " + aggregates.get(u) +
                        " from a snapshot: " + e.getMessage(), e);
                }
                final int g = groupIds.get(Layouts.INT_UNALIGNED, 4L * i);
                final Object[] accs = accumulators[u];
                accs[g] = accs[g] == null ? acc : functions[u].merge(accs[g], acc);
            }
        }
    }

    /** Reads the current row's values from the bound vectors' buffers. */
    private static final class RowValues implements UserAggregateFunction.Values
    {
        private static final int MAX = 16;
        final MemorySegment[] data = new MemorySegment[MAX];
        final MemorySegment[] validity = new MemorySegment[MAX];
        final MemorySegment[] offsets = new MemorySegment[MAX];
        int[] codes;
        int count;
        int row;

        void bind(final Batch batch, final int[] columns, final int[] readers)
        {
            if (columns.length > MAX)
            {
                throw new SchemaException("a user aggregate reads at most " + MAX + " columns, got " +
                    columns.length);
            }
            codes = readers;
            count = columns.length;
            for (int i = 0; i < columns.length; i++)
            {
                final FieldVector v = batch.column(columns[i]);
                data[i] = ArrowMemory.segment(v.getDataBuffer());
                validity[i] = v.getNullCount() == 0 ? null : ArrowMemory.segment(v.getValidityBuffer());
                offsets[i] = readers[i] == STR ? ArrowMemory.segment(v.getOffsetBuffer()) : null;
            }
        }

        void release()
        {
            Arrays.fill(data, null);
            Arrays.fill(validity, null);
            Arrays.fill(offsets, null);
            count = 0;
        }

        private void check(final int input)
        {
            if (input < 0 || input >= count)
            {
                throw new IllegalStateException("input " + input + " of " + count + " (values are readable " +
                    "during add only)");
            }
        }

        @Override
        public boolean isNull(final int input)
        {
            check(input);
            final MemorySegment bits = validity[input];
            return bits != null && (bits.get(Layouts.BYTE, row >>> 3) >> (row & 7) & 1) == 0;
        }

        @Override
        public long getLong(final int input)
        {
            if (isNull(input))
            {
                return 0;
            }
            final MemorySegment d = data[input];
            return switch (codes[input])
            {
                case S1 -> d.get(Layouts.BYTE, row);
                case S2 -> d.get(Layouts.SHORT_UNALIGNED, 2L * row);
                case S4 -> d.get(Layouts.INT_UNALIGNED, 4L * row);
                case S8, U8 -> d.get(Layouts.LONG_UNALIGNED, 8L * row);
                case U1 -> d.get(Layouts.BYTE, row) & 0xFFL;
                case U2 -> d.get(Layouts.SHORT_UNALIGNED, 2L * row) & 0xFFFFL;
                case U4 -> d.get(Layouts.INT_UNALIGNED, 4L * row) & 0xFFFF_FFFFL;
                default -> throw new IllegalStateException("input " + input + " is not an integer column");
            };
        }

        @Override
        public double getDouble(final int input)
        {
            if (isNull(input))
            {
                return 0;
            }
            return switch (codes[input])
            {
                case F8 -> data[input].get(Layouts.DOUBLE_UNALIGNED, 8L * row);
                case F4 -> data[input].get(Layouts.FLOAT_UNALIGNED, 4L * row);
                case STR -> throw new IllegalStateException("input " + input + " is a utf8 column");
                default -> getLong(input);
            };
        }

        @Override
        public String getString(final int input)
        {
            if (isNull(input))
            {
                return null;
            }
            if (codes[input] != STR)
            {
                throw new IllegalStateException("input " + input + " is not a utf8 column");
            }
            final int from = offsets[input].get(Layouts.INT_UNALIGNED, 4L * row);
            final int to = offsets[input].get(Layouts.INT_UNALIGNED, 4L * row + 4);
            final byte[] bytes = new byte[to - from];
            MemorySegment.copy(data[input], Layouts.BYTE, from, bytes, 0, bytes.length);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Writes one result into the output vector at the current row. */
    private static final class ResultSlot implements UserAggregateFunction.Result
    {
        FieldVector vector;
        int index;
        boolean written;

        void begin(final int at)
        {
            index = at;
            written = false;
        }

        void end()
        {
            if (!written)
            {
                setNull();
            }
        }

        private void once()
        {
            if (written)
            {
                throw new IllegalStateException("a user aggregate result was set twice");
            }
            written = true;
        }

        @Override
        public void setNull()
        {
            once();
            switch (vector)
            {
                case BigIntVector v -> v.setNull(index);
                case IntVector v -> v.setNull(index);
                case Float8Vector v -> v.setNull(index);
                case BitVector v -> v.setNull(index);
                case VarCharVector v -> v.setNull(index);
                default -> throw new IllegalStateException(vector.getField().toString());
            }
        }

        @Override
        public void setLong(final long value)
        {
            once();
            switch (vector)
            {
                case BigIntVector v -> v.set(index, value);
                case IntVector v when value == (int)value -> v.set(index, (int)value);
                case BitVector v when value == 0 || value == 1 -> v.set(index, (int)value);
                default -> throw new IllegalStateException("result " + value + " does not fit the user " +
                    "aggregate's output " + vector.getField());
            }
        }

        @Override
        public void setDouble(final double value)
        {
            once();
            if (!(vector instanceof Float8Vector v))
            {
                throw new IllegalStateException("a double result for the user aggregate's output " +
                    vector.getField());
            }
            v.set(index, value);
        }

        @Override
        public void setString(final String value)
        {
            if (value == null)
            {
                setNull();
                return;
            }
            once();
            if (!(vector instanceof VarCharVector v))
            {
                throw new IllegalStateException("a string result for the user aggregate's output " +
                    vector.getField());
            }
            v.setSafe(index, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
