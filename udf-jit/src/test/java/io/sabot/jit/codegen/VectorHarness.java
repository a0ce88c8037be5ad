package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Frame;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/**
 * Test harness: a hidden class holding the methods {@link VectorBlockEmitter} emits for one predicate and/or a list
 * of projections, reached through {@link Kernel}. Thread-safety: a kernel is immutable.
 */
public final class VectorHarness
{
    private static final ClassDesc OWNER = ClassDesc.of("io.sabot.jit.codegen.VectorHarnessKernel");
    private static final ClassDesc CD_FRAME = ClassDesc.of(Frame.class.getName());
    private static final ClassDesc CD_SEGMENT = ClassDesc.of(MemorySegment.class.getName());
    private static final ClassDesc CD_KERNEL = ClassDesc.of(Kernel.class.getName());

    /** The generated methods, public. */
    public interface Kernel
    {
        /** See {@link VectorBlockEmitter#emitFilter}. */
        int filter(Frame f, int offset, int blocks, MemorySegment selOut, int k);

        /** See {@link VectorBlockEmitter#emitFilterBlock}. */
        long filterBlock(Frame f, int row);

        /** See {@link VectorBlockEmitter#emitProject}. */
        void project(Frame f, int offset, int blocks);
    }

    /** A compiled kernel, the code length of each generated method, and the class file. */
    public record Compiled(Kernel kernel, List<Integer> codeLengths, byte[] bytes)
    {
    }

    private VectorHarness()
    {
    }

    /**
     * @param predicate     a BOOLEAN tree or null.
     * @param projections   projection trees (may be empty).
     * @param outputIndexes output index per projection.
     * @return the compiled kernel.
     */
    public static Compiled compile(final Bound predicate, final List<Bound> projections, final int[] outputIndexes)
    {
        final List<Bound> roots = new ArrayList<>();
        if (predicate != null)
        {
            roots.add(predicate);
        }
        roots.addAll(projections);
        final LiteralSlots slots = LiteralSlots.assign(roots);
        final MethodTypeDesc filterType = MethodTypeDesc.of(ConstantDescs.CD_int, CD_FRAME, ConstantDescs.CD_int,
            ConstantDescs.CD_int, CD_SEGMENT, ConstantDescs.CD_int);
        final MethodTypeDesc blockType = MethodTypeDesc.of(ConstantDescs.CD_long, CD_FRAME, ConstantDescs.CD_int);
        final MethodTypeDesc projectType = MethodTypeDesc.of(ConstantDescs.CD_void, CD_FRAME, ConstantDescs.CD_int,
            ConstantDescs.CD_int);
        final byte[] bytes = ClassFile.of().build(OWNER, cb ->
        {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
            cb.withInterfaceSymbols(CD_KERNEL);
            slots.emitFields(cb);
            cb.withMethodBody(ConstantDescs.INIT_NAME, MethodTypeDesc.of(ConstantDescs.CD_void,
                ConstantDescs.CD_Object.arrayType()), ClassFile.ACC_PUBLIC, code ->
            {
                code.aload(0).invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void);
                slots.emitInit(code, OWNER, 1);
                code.return_();
            });
            if (predicate != null)
            {
                VectorBlockEmitter.emitFilter(cb, OWNER, predicate, slots, "filter0");
                VectorBlockEmitter.emitFilterBlock(cb, OWNER, predicate, slots, "block0");
            }
            if (!projections.isEmpty())
            {
                VectorBlockEmitter.emitProject(cb, OWNER, projections, outputIndexes, slots, "project0");
            }
            cb.withMethodBody("filter", filterType, ClassFile.ACC_PUBLIC, code ->
            {
                if (predicate == null)
                {
                    code.iconst_0().ireturn();
                    return;
                }
                code.aload(0).aload(1).iload(2).iload(3).aload(4).iload(5);
                code.invokevirtual(OWNER, "filter0", filterType).ireturn();
            });
            cb.withMethodBody("filterBlock", blockType, ClassFile.ACC_PUBLIC, code ->
            {
                if (predicate == null)
                {
                    code.lconst_0().lreturn();
                    return;
                }
                code.aload(0).aload(1).iload(2).invokevirtual(OWNER, "block0", blockType).lreturn();
            });
            cb.withMethodBody("project", projectType, ClassFile.ACC_PUBLIC, code ->
            {
                if (!projections.isEmpty())
                {
                    code.aload(0).aload(1).iload(2).iload(3).invokevirtual(OWNER, "project0", projectType);
                }
                code.return_();
            });
        });
        final List<Integer> lengths = new ArrayList<>();
        final ClassModel model = ClassFile.of().parse(bytes);
        for (final MethodModel m : model.methods())
        {
            m.findAttribute(java.lang.classfile.Attributes.code())
                .ifPresent(c -> lengths.add(((CodeAttribute)c).codeLength()));
        }
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            final Object instance = lookup.findConstructor(lookup.lookupClass(),
                MethodType.methodType(void.class, Object[].class)).invoke(slots.values());
            return new Compiled((Kernel)instance, lengths, bytes);
        }
        catch (final Throwable t)
        {
            throw new AssertionError("hidden class failed: " + t, t);
        }
    }
}
