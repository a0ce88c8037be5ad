package io.sabot.jit.exec;

import java.lang.foreign.MemorySegment;

/**
 * Appends UTF8 values to an output vector, growing its data buffer as needed. Values must be written for rows
 * 0, 1, 2, ... in order; a null row is written with {@link #appendEmpty}.
 *
 * <p>Thread-safety: not thread-safe; owned by one {@link Frame}.
 */
public interface Utf8Writer
{
    /**
     * @param row    the output row, one more than the previous call's.
     * @param source where the bytes are.
     * @param start  first byte in {@code source}.
     * @param length number of bytes.
     */
    void append(int row, MemorySegment source, long start, int length);

    /**
     * @param row the output row, written as an empty value (for a null row).
     */
    void appendEmpty(int row);
}
