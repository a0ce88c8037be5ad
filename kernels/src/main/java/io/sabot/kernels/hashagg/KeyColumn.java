package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;

import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One group-by column: the key values of every group (columnar, indexed by group id) plus the rows of the batch
 * being added. Subclasses own all their memory through {@link OffHeapBuffer}s from the aggregator's allocator.
 *
 * <p>Per-group validity is one byte per group (1 = valid). A null key's stored value is 0 / empty, and a null row
 * reads as 0 / empty as well, so key equality is "validity equal and value equal". Not thread-safe.
 */
abstract class KeyColumn implements AutoCloseable
{
    /** Hash of the row is stored as is (single key column). */
    static final int HASH_STORE = 0;
    /** Hash of the row starts a multi-column hash. */
    static final int HASH_FIRST = 1;
    /** Hash of the row is folded into the running multi-column hash. */
    static final int HASH_COMBINE = 2;

    final BufferAllocator allocator;
    final OffHeapBuffer groupValid;

    KeyColumn(final BufferAllocator allocator)
    {
        this.allocator = allocator;
        this.groupValid = new OffHeapBuffer(allocator);
    }

    static KeyColumn create(final BufferAllocator allocator, final ColumnKind kind)
    {
        return kind == ColumnKind.UTF8 ? new Utf8KeyColumn(allocator) : new FixedKeyColumn(allocator, kind);
    }

    /** Prepares the rows of one batch; may allocate scratch (the allocator's exception leaves groups intact). */
    abstract void bind(FieldVector vector, int offset, MemorySegment sel, int n, int groups);

    /** Writes or folds each row's hash into {@code hashes} according to {@code mode}. */
    abstract void hash(MemorySegment hashes, int n, int mode);

    /** @return the hash of bound row {@code i} alone, as {@link #hash} computes it for {@link #HASH_STORE}. */
    abstract long hashRow(int i);

    /** @return true when batch row {@code i} equals the key of group {@code gid}. */
    abstract boolean equalsRow(int gid, int i);

    /** Stores batch row {@code i} as the key of new group {@code gid}; capacity was ensured before. */
    abstract void append(int gid, int i);

    /** Makes room for {@code capacity} groups, keeping {@code groups} existing ones. */
    abstract void ensureGroups(int capacity, int groups);

    /** Forgets groups from {@code groups} on (rollback or reset). */
    abstract void truncate(int groups);

    /** @return a new vector of {@code field}'s type with the keys of groups {@code 0..groups-1}. */
    final FieldVector output(final BufferAllocator out, final Field field, final int groups)
    {
        return output(out, field, null, groups);
    }

    /**
     * @param ids int32 group ids, one per output row, or {@code null} for groups {@code 0..n-1}.
     * @return a new vector of {@code field}'s type with {@code n} rows.
     */
    abstract FieldVector output(BufferAllocator out, Field field, MemorySegment ids, int n);

    static long fold(final MemorySegment hashes, final int i, final int mode, final long hash)
    {
        return switch (mode)
        {
            case HASH_STORE -> hash;
            case HASH_FIRST -> Hash64.combine(Hash64.SEED, hash);
            default -> Hash64.combine(hashes.get(Layouts.LONG_UNALIGNED, 8L * i), hash);
        };
    }

    @Override
    public void close()
    {
        groupValid.close();
    }
}
