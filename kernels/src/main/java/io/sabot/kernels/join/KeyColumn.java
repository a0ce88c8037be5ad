package io.sabot.kernels.join;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The build side's copy of one join key column, in row-id order (row id = position among all rows added to the
 * table). Null values are stored as zero/empty and flagged in the table's per-row null flags, so they are never
 * inserted into an index.
 *
 * <p>Thread-safety: appended by one thread before {@code finish()}; read-only and shareable afterwards.
 */
abstract sealed class KeyColumn implements AutoCloseable permits FixedKeyColumn, Utf8KeyColumn
{
    /** Width marker for variable-width (utf8) keys. */
    static final int VARIABLE = -1;

    final String name;
    final ArrowType type;

    KeyColumn(final String name, final ArrowType type)
    {
        this.name = name;
        this.type = type;
    }

    /**
     * @param allocator where the copy lives.
     * @param field     the build key field.
     * @return a store for that field's values.
     */
    static KeyColumn create(final BufferAllocator allocator, final Field field)
    {
        final int width = keyWidth(field);
        if (width == VARIABLE)
        {
            return new Utf8KeyColumn(allocator, field.getName(), field.getType());
        }
        return new FixedKeyColumn(allocator, field.getName(), field.getType(), width);
    }

    /**
     * @param field a key field.
     * @return its value width in bytes (1, 2, 4, 8) or {@link #VARIABLE} for utf8.
     * @throws SchemaException when the type cannot be a join key.
     */
    static int keyWidth(final Field field)
    {
        final ArrowType type = field.getType();
        if (type instanceof ArrowType.Int i)
        {
            return i.getBitWidth() / 8;
        }
        if (type instanceof ArrowType.Date d)
        {
            return d.getUnit() == DateUnit.DAY ? 4 : 8;
        }
        if (type instanceof ArrowType.Timestamp)
        {
            return 8;
        }
        if (type instanceof ArrowType.Time t)
        {
            return t.getBitWidth() / 8;
        }
        if (type instanceof ArrowType.Utf8)
        {
            return VARIABLE;
        }
        throw new SchemaException("join key column '" + field.getName() + "' has type " + type +
            "; supported key types are int8/16/32/64, date, time, timestamp and utf8");
    }

    /**
     * Appends the values of {@code rows} of {@code vector} as row ids {@code firstRow, firstRow + 1, ...}.
     *
     * @param nullFlags one byte per row id, already zeroed for the new rows; set to 1 where the value is null.
     */
    abstract void append(FieldVector vector, Rows rows, int firstRow, OffHeapBuffer nullFlags);

    /**
     * @return the Hash64 hash of a non-null build row's value.
     */
    abstract long hash(int row);

    /**
     * @return true when two non-null build rows hold equal values.
     */
    abstract boolean rowsEqual(int a, int b);

    /**
     * @return a new, unbound probe-side view that compares against this column.
     */
    abstract ProbeKey newProbeKey();

    @Override
    public abstract void close();
}
