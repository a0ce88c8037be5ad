package io.sabot.kernels.arith;

import io.sabot.kernels.SegmentCache;

/**
 * Per-thread reusable state of {@link Arithmetic}: the operand descriptors and the segment views of the output, so
 * that a call that writes into a supplied vector allocates nothing. Kernels do not re-enter on one thread, so one set
 * per thread suffices; every call overwrites what it uses. Between calls it still refers to the last vectors seen
 * (Java objects only; it never touches their memory again and never keeps a buffer open).
 */
final class Scratch
{
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    final Operand first = new Operand();
    final Operand second = new Operand();
    final Operand third = new Operand();
    final SegmentCache outData = new SegmentCache();
    final SegmentCache outValidity = new SegmentCache();
    final Int128 acc = new Int128();
    final Int128 other = new Int128();
    private BinaryOp lastOp;
    private NumType lastLeft;
    private NumType lastRight;
    private NumType lastResult;

    /** The result type of the last (op, left, right) seen; repeated calls on the same columns allocate nothing. */
    NumType resultType(final BinaryOp op, final Operand left, final Operand right)
    {
        if (op != lastOp || left.type != lastLeft || right.type != lastRight)
        {
            lastResult = Arithmetic.resultType(op, left.type, right.type, left, right);
            lastOp = op;
            lastLeft = left.type;
            lastRight = right.type;
        }
        return lastResult;
    }

    static Scratch get()
    {
        return SCRATCH.get();
    }
}
