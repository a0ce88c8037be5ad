package io.sabot.kernels;

import java.lang.foreign.MemorySegment;

import io.sabot.common.SchemaException;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The surviving row positions of a batch after a filter, so that filters need not copy columns.
 *
 * <pre>
 *   off-heap, owned by this object (allocated from the caller's allocator):
 *   +-----------+-----------+-----+----------------+--------------------+
 *   | pos[0]    | pos[1]    | ... | pos[count - 1] | unused capacity    |
 *   +-----------+-----------+-----+----------------+--------------------+
 *     int32 LE, strictly ascending when produced by a Sabot filter kernel
 * </pre>
 *
 * <p>Positions index the underlying vectors directly (0 = the vector's first row). Kernels given a selection read
 * only the listed rows and write dense outputs ({@code out[i] = f(in[pos[i]])}).
 *
 * <p>Thread-safety: not thread-safe; one owner at a time. The owner must {@link #close()} it exactly once.
 */
public final class SelectionVector implements AutoCloseable
{
    private final ArrowBuf buffer;
    private final MemorySegment segment;
    private final int capacity;
    private int count;

    /**
     * @param allocator where the positions live; the memory is accounted to it.
     * @param capacity  the most positions this vector can hold.
     */
    public SelectionVector(final BufferAllocator allocator, final int capacity)
    {
        if (capacity < 0)
        {
            throw new SchemaException("selection capacity must be >= 0, was " + capacity);
        }
        this.buffer = allocator.buffer(Math.max(4L, (long)capacity * Integer.BYTES));
        this.segment = ArrowMemory.segment(buffer);
        this.capacity = capacity;
    }

    /**
     * @param allocator where the positions live.
     * @param positions the positions to copy in.
     * @return a new selection holding {@code positions}.
     */
    public static SelectionVector of(final BufferAllocator allocator, final int... positions)
    {
        final SelectionVector selection = new SelectionVector(allocator, positions.length);
        MemorySegment.copy(positions, 0, selection.segment, Layouts.INT_UNALIGNED, 0, positions.length);
        selection.count = positions.length;
        return selection;
    }

    /**
     * @return the number of selected rows.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param count the number of valid positions now written (0 to {@link #capacity()}).
     */
    public void count(final int count)
    {
        if (count < 0 || count > capacity)
        {
            throw new SchemaException("selection count " + count + " outside 0.." + capacity);
        }
        this.count = count;
    }

    /**
     * @return the most positions this vector can hold.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @param index 0 to {@code count() - 1}.
     * @return the row position stored at {@code index}.
     */
    public int get(final int index)
    {
        return segment.get(Layouts.INT_UNALIGNED, (long)index * Integer.BYTES);
    }

    /**
     * @param index    0 to {@code capacity() - 1}.
     * @param position the row position to store.
     */
    public void set(final int index, final int position)
    {
        segment.set(Layouts.INT_UNALIGNED, (long)index * Integer.BYTES, position);
    }

    /**
     * @return the positions as a segment of {@code capacity()} int32 values; valid while this vector is open.
     */
    public MemorySegment segment()
    {
        return segment;
    }

    /**
     * @return the positions copied to a new array (for tests and diagnostics, not hot paths).
     */
    public int[] toArray()
    {
        final int[] out = new int[count];
        MemorySegment.copy(segment, Layouts.INT_UNALIGNED, 0, out, 0, count);
        return out;
    }

    /**
     * Checks every position is inside a vector of {@code valueCount} rows. Kernels call this once per input, so a
     * bad selection gives a typed error instead of an out-of-bounds read.
     *
     * @param valueCount the row count of the vector the selection will index.
     * @param what       the name of that vector, for the message.
     */
    public void checkWithin(final int valueCount, final String what)
    {
        for (int i = 0; i < count; i++)
        {
            final int position = get(i);
            if (position < 0 || position >= valueCount)
            {
                throw new SchemaException("selection entry " + i + " = " + position + " is outside '" + what +
                    "' which has " + valueCount + " rows");
            }
        }
    }

    @Override
    public void close()
    {
        buffer.close();
    }

    @Override
    public String toString()
    {
        return "SelectionVector{count=" + count + ", capacity=" + capacity + '}';
    }
}
