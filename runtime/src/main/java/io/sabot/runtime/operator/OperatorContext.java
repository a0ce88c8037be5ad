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
 */
public record OperatorContext(String name, int instance, int parallelism, boolean bounded, BufferAllocator allocator,
                              ExpressionCompiler compiler)
{
}
