package io.sabot.runtime.operator;

import io.sabot.jit.ExpressionCompiler;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an operator instance learns when it is opened.
 *
 * @param name        the operator's name in the plan (for errors and metrics).
 * @param instance    this instance's index, {@code 0 <= instance < parallelism}.
 * @param parallelism how many instances of this operator run.
 * @param bounded     whether every source upstream of this operator ends. Stateful operators emit final results at
 *                    the end of bounded input, and an update stream (new results after each batch) on unbounded
 *                    input.
 * @param allocator   the instance's allocator: everything it allocates comes from here, and it must hold no memory
 *                    after {@link Operator#close()}. Owned by the executor.
 * @param compiler    the expression compiler of the job (shared, thread-safe).
 * @param timers      the instance's processing time and wake-ups ({@link Operator#onProcessingTime}).
 */
public record OperatorContext(String name, int instance, int parallelism, boolean bounded, BufferAllocator allocator,
                              ExpressionCompiler compiler, ProcessingTimers timers)
{
    /**
     * A context without a processing-time service (operators run outside an executor, or nested inside another
     * operator): the clock is the system's and wake-ups are refused ({@link ProcessingTimers#unavailable}).
     *
     * @param name        the operator's name.
     * @param instance    this instance's index.
     * @param parallelism how many instances run.
     * @param bounded     whether every upstream source ends.
     * @param allocator   the instance's allocator.
     * @param compiler    the expression compiler.
     */
    public OperatorContext(final String name, final int instance, final int parallelism, final boolean bounded,
                           final BufferAllocator allocator, final ExpressionCompiler compiler)
    {
        this(name, instance, parallelism, bounded, allocator, compiler, ProcessingTimers.unavailable(name));
    }
}
