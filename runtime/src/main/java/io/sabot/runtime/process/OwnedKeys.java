package io.sabot.runtime.process;

import io.sabot.common.StateException;
import io.sabot.kernels.hash.Hashing;
import io.sabot.runtime.checkpoint.KeyOwnership;
import io.sabot.runtime.state.KeyFilter;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys a keyed operator instance owns after a rescaled restore: each key is written into one-row vectors of the
 * key columns' types and hashed with the kernels' row hash, exactly as the hash exchange hashes rows, so state lands
 * where the key's rows will arrive. Used only while restoring (a few allocations per key are fine there).
 *
 * <p>Not thread-safe. Owns its vectors: close it.
 */
final class OwnedKeys implements KeyFilter, AutoCloseable
{
    private final List<FieldVector> columns = new ArrayList<>();
    private final BigIntVector hash;
    private final int instance;
    private final int parallelism;

    OwnedKeys(final List<Field> keyFields, final int instance, final int parallelism, final BufferAllocator allocator)
    {
        this.instance = instance;
        this.parallelism = parallelism;
        for (final Field f : keyFields)
        {
            final FieldVector v = f.createVector(allocator);
            v.allocateNew();
            columns.add(v);
        }
        hash = new BigIntVector("hash", allocator);
    }

    @Override
    public boolean ownsLong(final long key)
    {
        set(columns.get(0), key);
        return owned();
    }

    @Override
    public boolean owns(final Object key)
    {
        final List<?> values = (List<?>)key;
        for (int c = 0; c < columns.size(); c++)
        {
            final Object value = values.get(c);
            final FieldVector v = columns.get(c);
            if (value == null)
            {
                v.setNull(0);
            }
            else if (value instanceof Number n && !(v instanceof org.apache.arrow.vector.Float8Vector))
            {
                set(v, n.longValue());
            }
            else
            {
                setObject(v, value);
            }
        }
        return owned();
    }

    private boolean owned()
    {
        for (final FieldVector v : columns)
        {
            v.setValueCount(1);
        }
        Hashing.hash(io.sabot.kernels.Rows.range(0, 1), columns, hash);
        return KeyOwnership.partition(hash.get(0), parallelism) == instance;
    }

    private static void set(final FieldVector v, final long value)
    {
        switch (v)
        {
            case BigIntVector b -> b.setSafe(0, value);
            case IntVector i -> i.setSafe(0, (int)value);
            case DateDayVector d -> d.setSafe(0, (int)value);
            case TimeStampVector t -> t.setSafe(0, value);
            case org.apache.arrow.vector.SmallIntVector s -> s.setSafe(0, (short)value);
            case org.apache.arrow.vector.TinyIntVector t -> t.setSafe(0, (byte)value);
            default -> throw new StateException("cannot place state of key type " + v.getField().getType() +
                " when rescaling");
        }
    }

    private static void setObject(final FieldVector v, final Object value)
    {
        switch (v)
        {
            case VarCharVector s -> s.setSafe(0, value.toString().getBytes(StandardCharsets.UTF_8));
            case org.apache.arrow.vector.Float8Vector d -> d.setSafe(0, ((Number)value).doubleValue());
            case BitVector b -> b.setSafe(0, (Boolean)value ? 1 : 0);
            default -> throw new StateException("cannot place state of key type " + v.getField().getType() +
                " (value " + value + ") when rescaling");
        }
    }

    @Override
    public void close()
    {
        columns.forEach(FieldVector::close);
        hash.close();
    }
}
