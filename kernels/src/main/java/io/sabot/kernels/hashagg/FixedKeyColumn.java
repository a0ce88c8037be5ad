package io.sabot.kernels.hashagg;

import io.sabot.kernels.SegmentCache;
import java.lang.foreign.MemorySegment;

import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A fixed-width group-by column (integers, floats, dates, times, timestamps, booleans). Every key is a 64-bit word:
 * integers sign-extended, floats as canonical double bits (one NaN, -0.0 folded into 0.0), booleans 0/1. Hashing a
 * word with {@link Hash64#hashLong} equals Sabot's hash of the value.
 *
 * <pre>
 *   per group g (off-heap, grown by doubling):   per batch row i (scratch, reused):
 *   words: | w[0] | w[1] | ... |  int64 LE         rowWords: | w(row 0) | w(row 1) | ... |
 *   valid: | v[0] | v[1] | ... |  1 byte, 1=valid  rowValid: | v | v | ... |  only when the batch has nulls
 * </pre>
 */
final class FixedKeyColumn extends KeyColumn
{
    final ColumnKind kind;
    final OffHeapBuffer words;
    private final OffHeapBuffer rowWords;
    private final OffHeapBuffer rowValid;
    private final SegmentCache dataView = new SegmentCache();
    private final SegmentCache validityView = new SegmentCache();
    /** True when the bound batch may hold nulls in this column (then rowValid is filled). */
    boolean anyNull;
    /** When the bound batch is a contiguous int64 range without nulls, the rows are read in place. */
    MemorySegment boundWords;
    long boundBase;

    FixedKeyColumn(final BufferAllocator allocator, final ColumnKind kind)
    {
        super(allocator);
        this.kind = kind;
        this.words = new OffHeapBuffer(allocator);
        this.rowWords = new OffHeapBuffer(allocator);
        this.rowValid = new OffHeapBuffer(allocator);
    }

    @Override
    void bind(final FieldVector vector, final int offset, final MemorySegment sel, final int n, final int groups)
    {
        final MemorySegment bits = validityView.of(vector.getValidityBuffer());
        anyNull = Columns.hasNulls(bits, offset, sel, n);
        final MemorySegment data = dataView.of(vector.getDataBuffer());
        if (!anyNull && sel == null && kind == ColumnKind.I64)
        {
            boundWords = data;
            boundBase = 8L * offset;
            return;
        }
        rowWords.ensure(8L * n, 0);
        final MemorySegment out = rowWords.segment();
        Columns.readWords(kind, data, offset, sel, n, out);
        if (kind.isFloat())
        {
            Columns.canonicalize(out, n);
        }
        if (anyNull)
        {
            rowValid.ensure(n, 0);
            final MemorySegment valid = rowValid.segment();
            Columns.readValidity(bits, offset, sel, n, valid);
            // Null rows read as word 0 so that equality is plain word equality plus validity.
            for (int i = 0; i < n; i++)
            {
                if (valid.get(Layouts.BYTE, i) == 0)
                {
                    out.set(Layouts.LONG_UNALIGNED, 8L * i, 0L);
                }
            }
        }
        boundWords = out;
        boundBase = 0;
    }

    /** @return the bound rows' validity bytes, or {@code null} when the batch has no nulls in this column. */
    MemorySegment rowValidity()
    {
        return anyNull ? rowValid.segment() : null;
    }

    @Override
    void hash(final MemorySegment hashes, final int n, final int mode)
    {
        final MemorySegment in = boundWords;
        final long base = boundBase;
        final MemorySegment valid = anyNull ? rowValid.segment() : null;
        for (int i = 0; i < n; i++)
        {
            final long hash = valid != null && valid.get(Layouts.BYTE, i) == 0
                ? Hash64.NULL_HASH
                : Hash64.hashLong(in.get(Layouts.LONG_UNALIGNED, base + 8L * i));
            hashes.set(Layouts.LONG_UNALIGNED, 8L * i, fold(hashes, i, mode, hash));
        }
    }

    @Override
    long hashRow(final int i)
    {
        return anyNull && rowValid.segment().get(Layouts.BYTE, i) == 0
            ? Hash64.NULL_HASH
            : Hash64.hashLong(boundWords.get(Layouts.LONG_UNALIGNED, boundBase + 8L * i));
    }

    private byte rowValidAt(final int i)
    {
        return anyNull ? rowValid.segment().get(Layouts.BYTE, i) : (byte)1;
    }

    @Override
    boolean equalsRow(final int gid, final int i)
    {
        return words.segment().get(Layouts.LONG_UNALIGNED, 8L * gid) ==
            boundWords.get(Layouts.LONG_UNALIGNED, boundBase + 8L * i) &&
            groupValid.segment().get(Layouts.BYTE, gid) == rowValidAt(i);
    }

    @Override
    void append(final int gid, final int i)
    {
        words.segment().set(Layouts.LONG_UNALIGNED, 8L * gid,
            boundWords.get(Layouts.LONG_UNALIGNED, boundBase + 8L * i));
        groupValid.segment().set(Layouts.BYTE, gid, rowValidAt(i));
    }

    /** Stores the null key as group {@code gid}. */
    void appendNull(final int gid)
    {
        words.segment().set(Layouts.LONG_UNALIGNED, 8L * gid, 0L);
        groupValid.segment().set(Layouts.BYTE, gid, (byte)0);
    }

    @Override
    void ensureGroups(final int capacity, final int groups)
    {
        words.ensure(8L * capacity, 8L * groups);
        groupValid.ensure(capacity, groups);
    }

    @Override
    void truncate(final int groups)
    {
        // Fixed-width keys need no compaction: group ids past the count are simply unused.
    }

    @Override
    FieldVector output(final BufferAllocator out, final Field field, final MemorySegment ids, final int n)
    {
        return Columns.writeFixed(out, field, kind, words.segment(), groupValid.segment(), ids, n);
    }

    @Override
    public void close()
    {
        super.close();
        words.close();
        rowWords.close();
        rowValid.close();
    }
}
