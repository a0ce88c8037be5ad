package io.sabot.sched.jcstress;

import io.sabot.sched.WorkStealingDeque;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * jcstress races on {@link WorkStealingDeque}. Elements are small powers of two; each result field is the bitmask
 * of elements one side took: r1 = owner (push/pop actor), r2 = thief (or second thief), r3 = what the arbiter
 * drains afterwards. An outcome is correct iff the masks are disjoint (nothing taken twice) and their union is all
 * elements (nothing lost); every other outcome is FORBIDDEN.
 */
public final class DequeStress
{
    private DequeStress()
    {
    }

    static int drain(final WorkStealingDeque<Integer> deque)
    {
        int mask = 0;
        Integer x;
        while ((x = deque.pop()) != null)
        {
            mask |= x;
        }
        return mask;
    }

    /** Owner pops and a thief steals the single element: exactly one gets it. */
    @JCStressTest
    @Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "owner won the last element")
    @Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE, desc = "thief won the last element")
    @Outcome(expect = Expect.FORBIDDEN, desc = "element lost or taken twice")
    @State
    public static class PopVersusSteal
    {
        final WorkStealingDeque<Integer> deque = new WorkStealingDeque<>(4);

        public PopVersusSteal()
        {
            deque.push(1);
        }

        @Actor
        public void owner(final III_Result r)
        {
            final Integer x = deque.pop();
            r.r1 = x == null ? 0 : x;
        }

        @Actor
        public void thief(final III_Result r)
        {
            final Integer x = deque.steal();
            r.r2 = x == null ? 0 : x;
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = drain(deque);
        }
    }

    /** Two thieves on one element: exactly one gets it. */
    @JCStressTest
    @Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "first thief won")
    @Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE, desc = "second thief won")
    @Outcome(expect = Expect.FORBIDDEN, desc = "element lost or taken twice")
    @State
    public static class StealVersusSteal
    {
        final WorkStealingDeque<Integer> deque = new WorkStealingDeque<>(4);

        public StealVersusSteal()
        {
            deque.push(1);
        }

        @Actor
        public void thief1(final III_Result r)
        {
            final Integer x = deque.steal();
            r.r1 = x == null ? 0 : x;
        }

        @Actor
        public void thief2(final III_Result r)
        {
            final Integer x = deque.steal();
            r.r2 = x == null ? 0 : x;
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = drain(deque);
        }
    }

    /** Owner pushes two and pops one while a thief steals: the owner gets the newest, the thief at most the oldest. */
    @JCStressTest
    @Outcome(id = "2, 1, 0", expect = Expect.ACCEPTABLE, desc = "thief took the oldest")
    @Outcome(id = "2, 0, 1", expect = Expect.ACCEPTABLE, desc = "thief saw nothing yet")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated, or not LIFO/FIFO")
    @State
    public static class PushPopVersusSteal
    {
        final WorkStealingDeque<Integer> deque = new WorkStealingDeque<>(4);

        @Actor
        public void owner(final III_Result r)
        {
            deque.push(1);
            deque.push(2);
            final Integer x = deque.pop();
            r.r1 = x == null ? 0 : x;
        }

        @Actor
        public void thief(final III_Result r)
        {
            final Integer x = deque.steal();
            r.r2 = x == null ? 0 : x;
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = drain(deque);
        }
    }

    /** Owner pops twice from two elements while a thief steals once. */
    @JCStressTest
    @Outcome(id = "3, 0, 0", expect = Expect.ACCEPTABLE, desc = "owner took both")
    @Outcome(id = "2, 1, 0", expect = Expect.ACCEPTABLE, desc = "thief took the oldest")
    @Outcome(expect = Expect.FORBIDDEN, desc = "element lost or taken twice")
    @State
    public static class TwoPopsVersusSteal
    {
        final WorkStealingDeque<Integer> deque = new WorkStealingDeque<>(4);

        public TwoPopsVersusSteal()
        {
            deque.push(1);
            deque.push(2);
        }

        @Actor
        public void owner(final III_Result r)
        {
            int mask = 0;
            for (int i = 0; i < 2; i++)
            {
                final Integer x = deque.pop();
                mask |= x == null ? 0 : x;
            }
            r.r1 = mask;
        }

        @Actor
        public void thief(final III_Result r)
        {
            final Integer x = deque.steal();
            r.r2 = x == null ? 0 : x;
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = drain(deque);
        }
    }

    /** The owner's push grows the full ring while a thief steals from the old one; the owner then pops twice. */
    @JCStressTest
    @Outcome(id = "6, 1, 0", expect = Expect.ACCEPTABLE, desc = "thief took the oldest across the growth")
    @Outcome(id = "6, 0, 1", expect = Expect.ACCEPTABLE, desc = "thief missed; arbiter drains the oldest")
    @Outcome(expect = Expect.FORBIDDEN, desc = "element lost or taken twice during growth")
    @State
    public static class GrowVersusSteal
    {
        final WorkStealingDeque<Integer> deque = new WorkStealingDeque<>(2);

        public GrowVersusSteal()
        {
            deque.push(1);
            deque.push(2);
        }

        @Actor
        public void owner(final III_Result r)
        {
            deque.push(4); // ring of 2 is full: grows
            int mask = 0;
            for (int i = 0; i < 2; i++)
            {
                final Integer x = deque.pop();
                mask |= x == null ? 0 : x;
            }
            r.r1 = mask;
        }

        @Actor
        public void thief(final III_Result r)
        {
            final Integer x = deque.steal();
            r.r2 = x == null ? 0 : x;
        }

        @Arbiter
        public void arbiter(final III_Result r)
        {
            r.r3 = drain(deque);
        }
    }
}
