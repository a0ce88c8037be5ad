package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * The bridge from {@link ProgramGenerator} to {@link VectorBlockEmitter}: decides which trees take the Vector API
 * path and adds the overrides of {@link GeneratedProgram}'s {@code vector*} hooks, each a call of the private method
 * the emitter wrote.
 *
 * <pre>
 *   vectorFilter(f, offset, blocks, selOut, k)  -&gt; vecFilter       (FILTER, full blocks of a range)
 *   vectorFilterBlock(f, row)                   -&gt; vecFilterBlock  (FILTER_PROJECT, one full block)
 *   vectorProject(f, offset, blocks)            -&gt; vecProject      (PROJECT, the supported projections)
 * </pre>
 *
 * <p>Thread-safety: stateless.
 */
final class VectorSupport
{
    private static final MethodTypeDesc FILTER = MethodTypeDesc.of(CD_int, ProgramGenerator.CD_FRAME, CD_int, CD_int,
        ProgramGenerator.CD_SEGMENT, CD_int);
    private static final MethodTypeDesc FILTER_BLOCK = MethodTypeDesc.of(CD_long, ProgramGenerator.CD_FRAME, CD_int);
    private static final MethodTypeDesc PROJECT = MethodTypeDesc.of(CD_void, ProgramGenerator.CD_FRAME, CD_int,
        CD_int);

    private VectorSupport()
    {
    }

    /**
     * @param tree a predicate or projection.
     * @return whether the Vector API emitter handles it.
     */
    static boolean supports(final Bound tree)
    {
        return VectorBlockEmitter.supports(tree);
    }

    /**
     * Adds the vector methods the plan asks for.
     *
     * @param cb    the class. @param owner its descriptor. @param spec what is generated. @param plan the plan.
     */
    static void emit(final ClassBuilder cb, final ClassDesc owner, final ProgramGenerator.Spec spec,
        final ProgramGenerator.Plan plan)
    {
        if (plan.vectorFilter)
        {
            if (spec.mode() == io.sabot.jit.exec.Program.Mode.FILTER)
            {
                VectorBlockEmitter.emitFilter(cb, owner, spec.predicate(), spec.literals(), "vecFilter");
                cb.withMethodBody("vectorFilter", FILTER, ClassFile.ACC_PROTECTED | ClassFile.ACC_FINAL, code ->
                {
                    code.aload(0);
                    code.aload(1);
                    code.iload(2);
                    code.iload(3);
                    code.aload(4);
                    code.iload(5);
                    code.invokevirtual(owner, "vecFilter", FILTER);
                    code.ireturn();
                });
            }
            else
            {
                VectorBlockEmitter.emitFilterBlock(cb, owner, spec.predicate(), spec.literals(), "vecFilterBlock");
                cb.withMethodBody("vectorFilterBlock", FILTER_BLOCK, ClassFile.ACC_PROTECTED | ClassFile.ACC_FINAL,
                    code ->
                    {
                        code.aload(0);
                        code.aload(1);
                        code.iload(2);
                        code.invokevirtual(owner, "vecFilterBlock", FILTER_BLOCK);
                        code.lreturn();
                    });
            }
        }
        if (plan.vectorProject)
        {
            final List<Bound> projections = new ArrayList<>();
            for (final int p : plan.vectorOutputs)
            {
                projections.add(spec.projections().get(p));
            }
            VectorBlockEmitter.emitProject(cb, owner, projections, plan.vectorOutputs.clone(), spec.literals(),
                "vecProject");
            cb.withMethodBody("vectorProject", PROJECT, ClassFile.ACC_PROTECTED | ClassFile.ACC_FINAL, code ->
            {
                code.aload(0);
                code.aload(1);
                code.iload(2);
                code.iload(3);
                code.invokevirtual(owner, "vecProject", PROJECT);
                code.return_();
            });
        }
    }
}
