package io.sabot.jit.interp;

import java.lang.foreign.MemorySegment;

/**
 * A UTF8 value seen in place: {@code length} bytes of {@code segment} from {@code start}. Each UTF8 node owns one
 * view per run (in its {@link Ctx} slot) and refills it for every row.
 *
 * <p>Thread-safety: mutable, confined to one run.
 */
final class Utf8View
{
    MemorySegment segment = MemorySegment.NULL;
    long start;
    int length;

    void set(final MemorySegment segment, final long start, final int length)
    {
        this.segment = segment;
        this.start = start;
        this.length = length;
    }
}
