package io.sabot.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A growable Chase-Lev work-stealing deque (Chase and Lev, SPAA 2005; memory orderings after Le, Pop, Cohen and
 * Zappa Nardelli, PPoPP 2013) on a power-of-two ring of references.
 *
 * <pre>
 *   array (ring, capacity = mask + 1, grows by doubling on the owner's push when full)
 *
 *        top (CAS by thieves and by the owner for the last element)
 *         |
 *         v
 *   +----+----+----+----+----+----+----+----+
 *   |    | t0 | t1 | t2 | t3 |    |    |    |     element i lives at index (i &amp; mask)
 *   +----+----+----+----+----+----+----+----+
 *                             ^
 *                             |
 *                           bottom (written only by the owner, read by thieves)
 *
 *   owner: push(x) at bottom, pop() at bottom - 1  (LIFO)
 *   thief: steal() at top                          (FIFO, oldest first)
 * </pre>
 *
 * <p><b>LIFO for the owner, FIFO for thieves.</b> A morsel-driven engine gets its morsels on a worker's deque
 * mostly by spawning them from the morsel that just ran (a pipeline stage handing its output on, or a morsel split
 * in two). The most recently pushed morsel is the one whose input is still in this core's cache, so the owner
 * takes it first. Thieves take the oldest entry, which is the one the owner would run last, so owner and thieves
 * meet only on the last element and a thief moves the work least likely to be cache-warm on the victim.
 *
 * <p><b>Orderings.</b> {@code push} publishes the element with a release store of {@code bottom}. {@code pop}
 * lowers {@code bottom} with a volatile store and then reads {@code top} with a volatile load (the StoreLoad fence
 * that makes a thief either see the lowered bottom or lose the CAS on the last element). {@code steal} reads
 * {@code top} then {@code bottom} with volatile loads and claims the element with a CAS on {@code top}. Growth
 * copies the live range into a new array and publishes it with a release store before {@code bottom} moves, so a
 * thief that sees the new bottom also sees the new array; thieves on the old array read elements that were
 * copied, never overwritten, so either array yields the right element.
 *
 * <p><b>Allocation.</b> None per push/pop/steal once the ring is big enough; growth allocates a new array
 * (amortised, and never in the steady state of a bounded pipeline). Slots popped by the owner are cleared; slots
 * taken by thieves keep a stale reference until the owner overwrites them (a thief may not clear a slot the owner
 * could be reusing), so up to {@code capacity} finished tasks may stay reachable.
 *
 * <p>Thread-safety: {@link #push} and {@link #pop} only from the single owner thread; {@link #steal} from any
 * thread. {@link #size()} is an estimate from any thread. Null elements are rejected.
 *
 * @param <T> element type.
 */
public final class WorkStealingDeque<T>
{
    private static final VarHandle TOP;
    private static final VarHandle BOTTOM;
    private static final VarHandle ARRAY;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            TOP = lookup.findVarHandle(WorkStealingDeque.class, "top", long.class);
            BOTTOM = lookup.findVarHandle(WorkStealingDeque.class, "bottom", long.class);
            ARRAY = lookup.findVarHandle(WorkStealingDeque.class, "array", Object[].class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    // top and bottom on separate cache lines: thieves hammer top, the owner writes bottom.
    @SuppressWarnings("unused")
    private long p01, p02, p03, p04, p05, p06, p07;
    private volatile long top;
    @SuppressWarnings("unused")
    private long p11, p12, p13, p14, p15, p16, p17;
    private volatile long bottom;
    @SuppressWarnings("unused")
    private long p21, p22, p23, p24, p25, p26, p27;
    private volatile Object[] array;

    /**
     * @param initialCapacity starting ring size, rounded up to a power of two (at least 2).
     */
    public WorkStealingDeque(final int initialCapacity)
    {
        if (initialCapacity < 1 || initialCapacity > (1 << 30))
        {
            throw new IllegalArgumentException("initialCapacity must be in [1, 2^30]: " + initialCapacity);
        }
        final int capacity = 1 << (32 - Integer.numberOfLeadingZeros(Math.max(2, initialCapacity) - 1));
        array = new Object[capacity];
    }

    /**
     * Owner only: push an element at the bottom.
     *
     * @param element non-null element.
     */
    public void push(final T element)
    {
        if (element == null)
        {
            throw new NullPointerException("element");
        }
        final long b = (long)BOTTOM.getOpaque(this);
        final long t = (long)TOP.getAcquire(this);
        Object[] a = (Object[])ARRAY.getOpaque(this);
        if (b - t > a.length - 1)
        {
            a = grow(a, t, b);
        }
        a[(int)b & (a.length - 1)] = element;
        BOTTOM.setRelease(this, b + 1);
    }

    /**
     * Owner only: take the most recently pushed element.
     *
     * @return the element, or null when the deque is empty (or a thief took the last one).
     */
    @SuppressWarnings("unchecked")
    public T pop()
    {
        final long b = (long)BOTTOM.getOpaque(this) - 1;
        final Object[] a = (Object[])ARRAY.getOpaque(this);
        BOTTOM.setVolatile(this, b);
        final long t = (long)TOP.getVolatile(this);
        if (t > b)
        {
            BOTTOM.setRelease(this, b + 1);
            return null;
        }
        final int index = (int)b & (a.length - 1);
        Object element = a[index];
        if (t == b)
        {
            if (!TOP.compareAndSet(this, t, t + 1))
            {
                element = null;
            }
            else
            {
                a[index] = null;
            }
            BOTTOM.setRelease(this, b + 1);
            return (T)element;
        }
        a[index] = null;
        return (T)element;
    }

    /**
     * Any thread: take the oldest element.
     *
     * @return the element, or null when the deque looked empty or another thread won the race for it.
     */
    @SuppressWarnings("unchecked")
    public T steal()
    {
        final long t = (long)TOP.getVolatile(this);
        final long b = (long)BOTTOM.getVolatile(this);
        if (t >= b)
        {
            return null;
        }
        final Object[] a = (Object[])ARRAY.getAcquire(this);
        final Object element = a[(int)t & (a.length - 1)];
        if (!TOP.compareAndSet(this, t, t + 1))
        {
            return null;
        }
        return (T)element;
    }

    /**
     * @return an estimate of the number of elements; exact when no other thread is operating.
     */
    public int size()
    {
        final long b = (long)BOTTOM.getVolatile(this);
        final long t = (long)TOP.getVolatile(this);
        return (int)Math.max(0, b - t);
    }

    /**
     * @return the current ring capacity (grows, never shrinks).
     */
    public int capacity()
    {
        return ((Object[])ARRAY.getAcquire(this)).length;
    }

    private Object[] grow(final Object[] old, final long t, final long b)
    {
        if (old.length >= (1 << 30))
        {
            throw new IllegalStateException("work-stealing deque is full at 2^30 elements");
        }
        final Object[] grown = new Object[old.length << 1];
        final int oldMask = old.length - 1;
        final int newMask = grown.length - 1;
        for (long i = t; i < b; i++)
        {
            grown[(int)i & newMask] = old[(int)i & oldMask];
        }
        ARRAY.setRelease(this, grown);
        return grown;
    }
}
