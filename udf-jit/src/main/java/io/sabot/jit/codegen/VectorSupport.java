package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;

import java.lang.classfile.ClassBuilder;
import java.lang.constant.ClassDesc;

/**
 * The bridge from {@link ProgramGenerator} to the Vector API block emitter: decides which trees take the vector path
 * and adds the overrides of {@link GeneratedProgram}'s {@code vector*} hooks that call the emitted methods.
 *
 * <p>Thread-safety: stateless.
 */
final class VectorSupport
{
    private VectorSupport()
    {
    }

    /**
     * @param tree a predicate or projection.
     * @return whether the Vector API emitter handles it.
     */
    static boolean supports(final Bound tree)
    {
        return false;
    }

    /**
     * Adds the vector methods the plan asks for.
     *
     * @param cb    the class. @param owner its descriptor. @param spec what is generated. @param plan the plan.
     */
    static void emit(final ClassBuilder cb, final ClassDesc owner, final ProgramGenerator.Spec spec,
        final ProgramGenerator.Plan plan)
    {
        if (plan.vectorFilter || plan.vectorProject)
        {
            throw new UnsupportedOperationException("vector emitter not available");
        }
    }
}
