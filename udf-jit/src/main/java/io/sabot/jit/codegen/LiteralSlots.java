package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.expr.DataType;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The hoisted literals of a compiled program: every non-null {@link Bound.Literal} occurrence gets a slot, numbered in
 * pre-order (left to right, roots in order), held by the generated class in a final instance field {@code lit<slot>}.
 * Two expressions that differ only in literal values therefore get the same slots and the same class; only the field
 * values differ. Null literals are not hoisted: they are part of the shape.
 *
 * <pre>
 *   literal type   field type      value
 *   BOOLEAN        boolean
 *   INT32          int
 *   INT64          long
 *   FLOAT32        float
 *   FLOAT64        double
 *   UTF8           MemorySegment   heap segment of the UTF-8 bytes (its byteSize is the length)
 * </pre>
 *
 * <p>Thread-safety: immutable after {@link #assign}.
 */
public final class LiteralSlots
{
    private final IdentityHashMap<Bound.Literal, Integer> slots;
    private final List<Bound.Literal> literals;

    private LiteralSlots(final IdentityHashMap<Bound.Literal, Integer> slots, final List<Bound.Literal> literals)
    {
        this.slots = slots;
        this.literals = literals;
    }

    /**
     * @param roots the program's expressions (predicate first, then projections).
     * @return their literal slots.
     */
    public static LiteralSlots assign(final List<Bound> roots)
    {
        final IdentityHashMap<Bound.Literal, Integer> slots = new IdentityHashMap<>();
        final List<Bound.Literal> literals = new ArrayList<>();
        for (final Bound root : roots)
        {
            BoundTrees.preOrder(root, node ->
            {
                if (node instanceof Bound.Literal l && l.value() != null && !slots.containsKey(l))
                {
                    slots.put(l, literals.size());
                    literals.add(l);
                }
            });
        }
        return new LiteralSlots(slots, literals);
    }

    /** @return the number of slots. */
    public int count()
    {
        return literals.size();
    }

    /**
     * @param literal a non-null literal occurrence of the assigned trees.
     * @return its slot.
     */
    public int slot(final Bound.Literal literal)
    {
        final Integer slot = slots.get(literal);
        if (slot == null)
        {
            throw new IllegalArgumentException("literal has no slot (null, or not in these trees): " + literal);
        }
        return slot;
    }

    /**
     * @param literal a non-null literal occurrence.
     * @return the name of the field holding it.
     */
    public String fieldName(final Bound.Literal literal)
    {
        return fieldName(slot(literal));
    }

    /**
     * @param slot a slot.
     * @return the name of the field holding it.
     */
    public static String fieldName(final int slot)
    {
        return "lit" + slot;
    }

    /**
     * @param slot a slot.
     * @return the type of its field.
     */
    public ClassDesc fieldType(final int slot)
    {
        return fieldType(literals.get(slot).type());
    }

    /**
     * @param type a literal type.
     * @return the type of the field holding such a literal.
     */
    public static ClassDesc fieldType(final DataType type)
    {
        return switch (type)
        {
            case BOOLEAN -> ConstantDescs.CD_boolean;
            case INT32 -> ConstantDescs.CD_int;
            case INT64 -> ConstantDescs.CD_long;
            case FLOAT32 -> ConstantDescs.CD_float;
            case FLOAT64 -> ConstantDescs.CD_double;
            case UTF8 -> ClassDesc.of(MemorySegment.class.getName());
            case DATE, DECIMAL -> throw new IllegalArgumentException(type + " is lowered by the binder");
        };
    }

    /**
     * @param slot a slot.
     * @return the literal type of that slot.
     */
    public DataType type(final int slot)
    {
        return literals.get(slot).type();
    }

    /**
     * Declares the {@code private final lit<slot>} fields.
     *
     * @param classBuilder the generated class.
     */
    public void emitFields(final ClassBuilder classBuilder)
    {
        emitFields(classBuilder, literals.size());
    }

    /**
     * Declares the {@code lit<slot>} fields, {@code private final} for slots below {@code finalCount} and
     * {@code private} (set by {@link #emitInit(CodeBuilder, ClassDesc, int, int, int)} from a helper method the
     * constructor calls) above: a constructor storing thousands of literals would exceed the JIT's method size limit,
     * and final fields can only be stored by the constructor itself.
     *
     * @param classBuilder the generated class.
     * @param finalCount   how many leading slots are final.
     */
    public void emitFields(final ClassBuilder classBuilder, final int finalCount)
    {
        for (int i = 0; i < literals.size(); i++)
        {
            classBuilder.withField(fieldName(i), fieldType(i),
                i < finalCount ? ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL : ClassFile.ACC_PRIVATE);
        }
    }

    /**
     * Emits, inside a constructor, the stores of every field from an {@code Object[]} laid out as {@link #values()}
     * (boxed primitives, heap segments for UTF8).
     *
     * @param code       the constructor's code, after the super call.
     * @param owner      the generated class.
     * @param arrayLocal local slot holding the {@code Object[]}.
     */
    public void emitInit(final CodeBuilder code, final ClassDesc owner, final int arrayLocal)
    {
        emitInit(code, owner, arrayLocal, 0, literals.size());
    }

    /**
     * Emits the stores of slots {@code [from, to)} from the {@code Object[]} in {@code arrayLocal}.
     *
     * @param code       the code (the constructor for final slots).
     * @param owner      the generated class.
     * @param arrayLocal local slot holding the {@code Object[]}.
     * @param from       first slot.
     * @param to         one past the last slot.
     */
    public void emitInit(final CodeBuilder code, final ClassDesc owner, final int arrayLocal, final int from,
        final int to)
    {
        for (int i = from; i < to; i++)
        {
            code.aload(0);
            code.aload(arrayLocal);
            code.loadConstant(i);
            code.aaload();
            final DataType type = type(i);
            switch (type)
            {
                case BOOLEAN -> unbox(code, ConstantDescs.CD_Boolean, "booleanValue", ConstantDescs.CD_boolean);
                case INT32 -> unbox(code, ConstantDescs.CD_Integer, "intValue", ConstantDescs.CD_int);
                case INT64 -> unbox(code, ConstantDescs.CD_Long, "longValue", ConstantDescs.CD_long);
                case FLOAT32 -> unbox(code, ConstantDescs.CD_Float, "floatValue", ConstantDescs.CD_float);
                case FLOAT64 -> unbox(code, ConstantDescs.CD_Double, "doubleValue", ConstantDescs.CD_double);
                case UTF8 -> code.checkcast(fieldType(type));
            }
            code.putfield(owner, fieldName(i), fieldType(i));
        }
    }

    private static void unbox(final CodeBuilder code, final ClassDesc box, final String method, final ClassDesc prim)
    {
        code.checkcast(box);
        code.invokevirtual(box, method, java.lang.constant.MethodTypeDesc.of(prim));
    }

    /**
     * @return the field values in slot order (UTF8 as heap segments), for the generated constructor.
     */
    public Object[] values()
    {
        final Object[] values = new Object[literals.size()];
        for (int i = 0; i < values.length; i++)
        {
            final Object v = literals.get(i).value();
            values[i] = v instanceof String s ? MemorySegment.ofArray(s.getBytes(StandardCharsets.UTF_8)) : v;
        }
        return values;
    }
}
