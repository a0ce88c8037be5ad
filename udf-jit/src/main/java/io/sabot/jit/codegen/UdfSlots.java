package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The UDF calls of a compiled program and the values they need held by the generated class
 * ({@link io.sabot.jit.udf.UdfAnalysis#hostedValues()}: captured constants, or the lambda object). Calls are
 * numbered in pre-order like {@link LiteralSlots}; call {@code k} holds its values in final fields
 * {@code udf<k>_<j>} and, when rehosted, calls the private static method {@code udfHost<k>}. The values follow the
 * literals in the constructor's {@code Object[]}, so one class serves every UDF with the same analysis shape key.
 *
 * <p>Thread-safety: immutable after {@link #assign}.
 */
public final class UdfSlots
{
    private final IdentityHashMap<Bound.UdfCall, Integer> calls;
    private final List<Bound.UdfCall> ordered;

    private UdfSlots(final IdentityHashMap<Bound.UdfCall, Integer> calls, final List<Bound.UdfCall> ordered)
    {
        this.calls = calls;
        this.ordered = ordered;
    }

    /**
     * @param roots the program's expressions, predicate first.
     * @return their UDF calls.
     */
    public static UdfSlots assign(final List<Bound> roots)
    {
        final IdentityHashMap<Bound.UdfCall, Integer> calls = new IdentityHashMap<>();
        final List<Bound.UdfCall> ordered = new ArrayList<>();
        for (final Bound root : roots)
        {
            BoundTrees.preOrder(root, n ->
            {
                if (n instanceof Bound.UdfCall u && !calls.containsKey(u))
                {
                    calls.put(u, ordered.size());
                    ordered.add(u);
                }
            });
        }
        return new UdfSlots(calls, ordered);
    }

    /** @return number of UDF calls. */
    public int count()
    {
        return ordered.size();
    }

    /** @param call a call of the assigned trees. @return its number. */
    public int index(final Bound.UdfCall call)
    {
        return calls.get(call);
    }

    /** @param k a call number. @param j a hosted value index. @return the field name. */
    public static String fieldName(final int k, final int j)
    {
        return "udf" + k + "_" + j;
    }

    /** @param k a call number. @return the host method name. */
    public static String hostMethod(final int k)
    {
        return "udfHost" + k;
    }

    /**
     * Declares the hosted value fields and adds the host methods.
     *
     * @param cb the generated class.
     */
    public void emitMembers(final ClassBuilder cb)
    {
        for (int k = 0; k < ordered.size(); k++)
        {
            final Bound.UdfCall call = ordered.get(k);
            final int n = call.udf().analysis().hostedValues().size();
            for (int j = 0; j < n; j++)
            {
                cb.withField(fieldName(k, j), call.udf().analysis().hostedValueType(j),
                    ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            }
            call.udf().addHostMethod(cb, hostMethod(k));
        }
    }

    /**
     * Emits, inside the constructor, the stores of the hosted value fields from the {@code Object[]} at
     * {@code first}.
     *
     * @param code the constructor. @param owner the class. @param arrayLocal the array's local. @param first index
     *             of the first hosted value in the array.
     */
    public void emitInit(final CodeBuilder code, final ClassDesc owner, final int arrayLocal, final int first)
    {
        int index = first;
        for (int k = 0; k < ordered.size(); k++)
        {
            final Bound.UdfCall call = ordered.get(k);
            final int n = call.udf().analysis().hostedValues().size();
            for (int j = 0; j < n; j++)
            {
                final ClassDesc type = call.udf().analysis().hostedValueType(j);
                code.aload(0);
                code.aload(arrayLocal);
                code.loadConstant(index++);
                code.aaload();
                if (type.isPrimitive())
                {
                    final ClassDesc box = box(type);
                    code.checkcast(box);
                    code.invokevirtual(box, type.displayName() + "Value", MethodTypeDesc.of(type));
                }
                else
                {
                    code.checkcast(type);
                }
                code.putfield(owner, fieldName(k, j), type);
            }
        }
    }

    /**
     * Emits the pushes of call {@code k}'s hosted values (before its arguments).
     *
     * @param code where. @param owner the class. @param k the call.
     */
    void emitPushHosted(final CodeBuilder code, final ClassDesc owner, final int k)
    {
        final Bound.UdfCall call = ordered.get(k);
        final int n = call.udf().analysis().hostedValues().size();
        for (int j = 0; j < n; j++)
        {
            code.aload(0);
            code.getfield(owner, fieldName(k, j), call.udf().analysis().hostedValueType(j));
        }
    }

    private static ClassDesc box(final ClassDesc primitive)
    {
        return switch (primitive.descriptorString())
        {
            case "Z" -> ConstantDescs.CD_Boolean;
            case "I" -> ConstantDescs.CD_Integer;
            case "J" -> ConstantDescs.CD_Long;
            case "F" -> ConstantDescs.CD_Float;
            case "D" -> ConstantDescs.CD_Double;
            case "B" -> ConstantDescs.CD_Byte;
            case "S" -> ConstantDescs.CD_Short;
            case "C" -> ConstantDescs.CD_Character;
            default -> throw new IllegalArgumentException("not a primitive: " + primitive);
        };
    }

    /** @return the hosted values in constructor order. */
    public List<Object> values()
    {
        final List<Object> values = new ArrayList<>();
        for (final Bound.UdfCall call : ordered)
        {
            values.addAll(call.udf().analysis().hostedValues());
        }
        return values;
    }
}
