package io.sabot.kernels.arith;

/**
 * Per-thread reusable state of {@link Arithmetic}: the operand descriptors and the segment views of the output, so
 * that a call that writes into a supplied vector allocates nothing. Kernels do not re-enter on one thread, so one set
 * per thread suffices; every call overwrites what it uses.
 */
final class Scratch
{
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    final Operand first = new Operand();
    final Operand second = new Operand();
    final Operand third = new Operand();
    final SegmentCache outData = new SegmentCache();
    final SegmentCache outValidity = new SegmentCache();

    static Scratch get()
    {
        return SCRATCH.get();
    }
}
