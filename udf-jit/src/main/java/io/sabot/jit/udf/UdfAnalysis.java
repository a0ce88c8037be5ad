package io.sabot.jit.udf;

import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.MathFn;
import io.sabot.simd.CompareOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * What Sabot learned from a UDF's bytecode, and how to run it: the lifted IR (LIFTED), the method to copy and its
 * captured values (REHOSTED), or the object to call (OPAQUE).
 *
 * <p>The analysis reads the lambda's {@link SerializedLambda} (through its {@code writeReplace} method), requires a
 * static implementation method whose captured values are all primitives, and reads that method's bytecode from the
 * lambda's class loader. A body that only computes on primitives (see {@link BytecodeLifter#impurity}) is REHOSTED,
 * and LIFTED if symbolic execution turns it into IR (no loops, integer division only by a non-zero constant, only
 * the {@code Math} functions the IR has, at most {@value BytecodeLifter#MAX_PATHS} paths). A static method reference to a {@code Math} function the IR has is lifted directly; to another pure
 * JDK static method, it is rehosted as a one-call method (the JDK method is called, never copied, so intrinsics
 * still apply). Any failure while analysing makes the UDF OPAQUE with the reason; the factories never throw.
 *
 * <p>A LIFTED UDF can also be run like a REHOSTED one (its hosted values are the captured values and
 * {@link Udf#emitInvoke}/{@link Udf#addHostMethod} work the same), so a code generator may call it if it prefers.
 *
 * <p>Thread-safety: immutable.
 */
public final class UdfAnalysis
{
    private static final Logger LOG = LoggerFactory.getLogger(UdfAnalysis.class);

    private final Udf.Kind kind;
    private final String reason;
    private final List<Object> hostedValues;
    private final List<ClassDesc> hostedValueTypes;
    private final String shapeKey;
    /** LIFTED: the body over {@link BytecodeLifter#param} placeholders. */
    private final Expr template;
    /** LIFTED: bit i set when a null parameter i does not already make the body null. */
    private final long nonStrictParams;
    /** LIFTED/REHOSTED: the host method's descriptor (captured values first) and body. */
    private final MethodTypeDesc hostType;
    private final Consumer<CodeBuilder> hostBody;

    private UdfAnalysis(final Udf.Kind kind, final String reason, final List<Object> hostedValues,
        final List<ClassDesc> hostedValueTypes, final String shapeKey, final Expr template,
        final MethodTypeDesc hostType, final Consumer<CodeBuilder> hostBody)
    {
        this.kind = kind;
        this.reason = reason;
        this.hostedValues = hostedValues;
        this.hostedValueTypes = hostedValueTypes;
        this.shapeKey = shapeKey;
        this.template = template;
        this.nonStrictParams = template == null ? 0 : ~strictParams(template, new IdentityHashMap<>());
        this.hostType = hostType;
        this.hostBody = hostBody;
    }

    /** Why a UDF is OPAQUE; thrown and caught inside the analysis only. */
    private static final class Refused extends Exception
    {
        private static final long serialVersionUID = 1L;

        Refused(final String reason)
        {
            super(reason, null, false, false);
        }
    }

    static UdfAnalysis analyze(final Udf udf)
    {
        try
        {
            return analyzeLambda(udf);
        }
        catch (final Refused e)
        {
            return opaque(udf, e.getMessage());
        }
        catch (final Exception | LinkageError | StackOverflowError e)
        {
            LOG.debug("udf analysis failed for {}", udf.name(), e);
            return opaque(udf, "analysis failed: " + e);
        }
    }

    private static UdfAnalysis analyzeLambda(final Udf udf) throws Exception
    {
        final Object fn = udf.function();
        final SerializedLambda lambda = serializedLambda(fn);
        final String implClass = lambda.getImplClass();
        final String implName = lambda.getImplMethodName();
        final MethodTypeDesc implType = MethodTypeDesc.ofDescriptor(lambda.getImplMethodSignature());
        final String impl = StaticCalls.describe(implClass, implName, implType);
        if (lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic)
        {
            throw new Refused("implementation " + impl + " is not a static method (" +
                MethodHandleInfo.referenceKindToString(lambda.getImplMethodKind()) + ")");
        }
        final List<Object> captured = new ArrayList<>(lambda.getCapturedArgCount());
        for (int i = 0; i < lambda.getCapturedArgCount(); i++)
        {
            final Object v = lambda.getCapturedArg(i);
            if (!isBoxedPrimitive(v))
            {
                throw new Refused("captures " + (v == null ? "null" : "a " + v.getClass().getName()));
            }
            captured.add(v);
        }
        checkSignature(udf, implType, captured.size(), impl);
        final List<ClassDesc> capturedTypes = implType.parameterList().subList(0, captured.size());
        final ClassLoader loader = fn.getClass().getClassLoader();
        final String shape = implClass + "." + implName + implType.descriptorString() + "@" +
            Integer.toHexString(System.identityHashCode(loader));

        if (StaticCalls.isPure(implClass, implName, implType))
        {
            // a method reference to a JDK function: call it from the host method, never copy JDK code
            final ClassDesc owner = ClassDesc.ofInternalName(implClass);
            final Consumer<CodeBuilder> call = code -> callThrough(code, owner, implName, implType);
            final Expr lifted = liftJdkCall(implClass, implName, implType);
            return lifted != null
                ? new UdfAnalysis(Udf.Kind.LIFTED, "", List.copyOf(captured), List.copyOf(capturedTypes),
                    "lifted:" + shape, lifted, implType, call)
                : new UdfAnalysis(Udf.Kind.REHOSTED, "not liftable: calls " + impl + " (not in the IR)",
                    List.copyOf(captured), List.copyOf(capturedTypes), "rehost:" + shape, null, implType, call);
        }
        if (isJdk(implClass))
        {
            throw new Refused("calls " + impl + " (not a known pure JDK method)");
        }

        final byte[] classBytes = classBytes(loader, implClass);
        final MethodModel method = findMethod(classBytes, implClass, implName, implType);
        final CodeModel code = method.code().orElseThrow(() -> new Refused(impl + " has no code"));
        final List<CodeElement> elements = code.elementList();
        final String impurity = BytecodeLifter.impurity(elements);
        if (impurity != null)
        {
            throw new Refused(impurity);
        }
        // parsed again for each host method: class models parse lazily and are not shared between threads
        final Consumer<CodeBuilder> body = cb -> copyCode(findMethod(classBytes, implClass, implName, implType), cb);
        final int maxLocals = code instanceof CodeAttribute attribute ? attribute.maxLocals() : 0;
        try
        {
            final Expr lifted = new BytecodeLifter(elements, maxLocals).lift(implType, captured, udf.returnType());
            return new UdfAnalysis(Udf.Kind.LIFTED, "", List.copyOf(captured), List.copyOf(capturedTypes),
                "lifted:" + shape, lifted, implType, body);
        }
        catch (final BytecodeLifter.NotLiftable e)
        {
            return new UdfAnalysis(Udf.Kind.REHOSTED, "not liftable: " + e.getMessage(), List.copyOf(captured),
                List.copyOf(capturedTypes), "rehost:" + shape, null, implType, body);
        }
    }

    private static SerializedLambda serializedLambda(final Object fn) throws Exception
    {
        final Method writeReplace;
        try
        {
            writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
        }
        catch (final NoSuchMethodException e)
        {
            throw new Refused(fn.getClass().getName() + " is not a lambda or method reference");
        }
        writeReplace.setAccessible(true);
        if (writeReplace.invoke(fn) instanceof SerializedLambda lambda)
        {
            return lambda;
        }
        throw new Refused(fn.getClass().getName() + " is not a lambda or method reference");
    }

    private static boolean isBoxedPrimitive(final Object v)
    {
        return v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Float ||
            v instanceof Boolean || v instanceof Character || v instanceof Short || v instanceof Byte;
    }

    private static boolean isJdk(final String internalName)
    {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") ||
            internalName.startsWith("jdk/") || internalName.startsWith("sun/") || internalName.startsWith("com/sun/");
    }

    /** The implementation must take the captured values then exactly the interface's parameters, and return its type. */
    private static void checkSignature(final Udf udf, final MethodTypeDesc implType, final int capturedCount,
        final String impl) throws Refused
    {
        final MethodTypeDesc iface = udf.interfaceMethodType();
        boolean same = implType.parameterCount() == capturedCount + iface.parameterCount() &&
            implType.returnType().equals(iface.returnType());
        for (int i = 0; same && i < iface.parameterCount(); i++)
        {
            same = implType.parameterType(capturedCount + i).equals(iface.parameterType(i));
        }
        for (int i = 0; same && i < capturedCount; i++)
        {
            same = implType.parameterType(i).isPrimitive();
        }
        if (!same)
        {
            throw new Refused("implementation " + impl + " does not match " + iface.descriptorString() +
                " after " + capturedCount + " captured value(s) (the lambda adapts types)");
        }
    }

    private static Expr liftJdkCall(final String owner, final String name, final MethodTypeDesc type)
    {
        final MathFn fn = StaticCalls.mathFn(owner, name, type);
        if (fn != null)
        {
            final List<Expr> params = new ArrayList<>();
            for (int i = 0; i < type.parameterCount(); i++)
            {
                params.add(BytecodeLifter.param(i));
            }
            return new Expr.MathCall(fn, params);
        }
        if (StaticCalls.isNaNTest(owner, name, type))
        {
            return new Expr.Compare(CompareOp.NE, BytecodeLifter.param(0), BytecodeLifter.param(0));
        }
        return null;
    }

    private static void callThrough(final CodeBuilder code, final ClassDesc owner, final String name,
        final MethodTypeDesc type)
    {
        int slot = 0;
        for (final ClassDesc p : type.parameterList())
        {
            final TypeKind kind = TypeKind.from(p);
            code.loadLocal(kind, slot);
            slot += kind.slotSize();
        }
        code.invokestatic(owner, name, type);
        code.return_(TypeKind.from(type.returnType()));
    }

    /**
     * Class file bytes by loader (weakly) and class name: many UDFs are written in few classes, and finding the
     * resource costs more than parsing it (parsing is lazy; models are parsed per analysis, never shared).
     */
    private static final Map<ClassLoader, Map<String, byte[]>> CLASS_BYTES =
        Collections.synchronizedMap(new WeakHashMap<>());
    private static final int CLASS_BYTES_PER_LOADER = 64;

    private static byte[] classBytes(final ClassLoader loader, final String implClass) throws Exception
    {
        final Map<String, byte[]> byName = CLASS_BYTES.computeIfAbsent(loader, l -> lru());
        synchronized (byName)
        {
            final byte[] known = byName.get(implClass);
            if (known != null)
            {
                return known;
            }
        }
        final String resource = implClass + ".class";
        final byte[] bytes;
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
            : ClassLoader.getSystemResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new Refused("class bytes for " + implClass.replace('/', '.') + " not found");
            }
            bytes = in.readAllBytes();
        }
        synchronized (byName)
        {
            byName.put(implClass, bytes);
        }
        return bytes;
    }

    private static Map<String, byte[]> lru()
    {
        return new LinkedHashMap<>(16, 0.75f, true)
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, byte[]> eldest)
            {
                return size() > CLASS_BYTES_PER_LOADER;
            }
        };
    }

    private static MethodModel findMethod(final byte[] classBytes, final String implClass, final String name,
        final MethodTypeDesc type)
    {
        for (final MethodModel m : ClassFile.of().parse(classBytes).methods())
        {
            if (m.methodName().equalsString(name) && m.methodType().equalsString(type.descriptorString()))
            {
                if ((m.flags().flagsMask() & ClassFile.ACC_STATIC) == 0)
                {
                    throw new IllegalStateException(StaticCalls.describe(implClass, name, type) +
                        " is not static in its class file");
                }
                return m;
            }
        }
        throw new IllegalStateException(StaticCalls.describe(implClass, name, type) + " not found in its class file");
    }

    /** Copies the instructions and labels; debug tables are dropped and stack maps are computed anew. */
    private static void copyCode(final MethodModel method, final CodeBuilder cb)
    {
        for (final CodeElement e : method.code().orElseThrow().elementList())
        {
            if (e instanceof Instruction || e instanceof LabelTarget)
            {
                cb.with(e);
            }
        }
    }

    private static UdfAnalysis opaque(final Udf udf, final String reason)
    {
        return new UdfAnalysis(Udf.Kind.OPAQUE, reason, List.of(udf.function()),
            List.of(ClassDesc.of(udf.functionalInterface().getName())),
            "opaque:" + udf.functionalInterface().getSimpleName(), null, null, null);
    }

    /** @return how the UDF runs. */
    public Udf.Kind kind()
    {
        return kind;
    }

    /** @return why it is not LIFTED, or empty. */
    public String reason()
    {
        return reason;
    }

    /**
     * LIFTED only. The result is strict like the UDF: null wherever an argument is null (where the body alone would
     * not give null, e.g. a constant or a branch that ignores the argument, it is wrapped in an {@code if} on
     * {@code is_null} of those arguments).
     *
     * @param args the call's arguments, already of the UDF's parameter types.
     * @return the UDF body as an expression over {@code args}, with captured values as literals; empty unless LIFTED.
     * @throws IllegalArgumentException if the number of arguments is not the UDF's.
     */
    public Optional<Expr> inline(final List<Expr> args)
    {
        if (kind != Udf.Kind.LIFTED)
        {
            return Optional.empty();
        }
        if (args.size() != hostType.parameterCount() - hostedValues.size())
        {
            throw new IllegalArgumentException("the udf takes " + (hostType.parameterCount() - hostedValues.size()) +
                " argument(s), got " + args.size());
        }
        final Expr body = substitute(template, args, new IdentityHashMap<>());
        Expr anyNull = null;
        for (int i = 0; i < args.size(); i++)
        {
            if ((nonStrictParams & (1L << i)) != 0)
            {
                final Expr isNull = new Expr.IsNull(args.get(i));
                anyNull = anyNull == null ? isNull : new Expr.Or(anyNull, isNull);
            }
        }
        return Optional.of(anyNull == null ? body : new Expr.If(anyNull, new Expr.Literal(resultType(), null), body));
    }

    private DataType resultType()
    {
        return switch (hostType.returnType().descriptorString())
        {
            case "Z" -> DataType.BOOLEAN;
            case "I" -> DataType.INT32;
            case "J" -> DataType.INT64;
            case "F" -> DataType.FLOAT32;
            default -> DataType.FLOAT64;
        };
    }

    /** Replaces parameter placeholders; shared subtrees stay shared (the If tree of a lifted body is a DAG). */
    private static Expr substitute(final Expr e, final List<Expr> args, final Map<Expr, Expr> done)
    {
        final Expr known = done.get(e);
        if (known != null)
        {
            return known;
        }
        final Expr result = switch (e)
        {
            case Expr.Column c -> BytecodeLifter.paramIndex(c) >= 0 ? args.get(BytecodeLifter.paramIndex(c)) : c;
            case Expr.Arith a -> new Expr.Arith(a.op(), substitute(a.left(), args, done),
                substitute(a.right(), args, done));
            case Expr.Negate n -> new Expr.Negate(substitute(n.arg(), args, done));
            case Expr.Compare c -> new Expr.Compare(c.op(), substitute(c.left(), args, done),
                substitute(c.right(), args, done));
            case Expr.And a -> new Expr.And(substitute(a.left(), args, done), substitute(a.right(), args, done));
            case Expr.Or o -> new Expr.Or(substitute(o.left(), args, done), substitute(o.right(), args, done));
            case Expr.Not n -> new Expr.Not(substitute(n.arg(), args, done));
            case Expr.IsNull n -> new Expr.IsNull(substitute(n.arg(), args, done));
            case Expr.If i -> new Expr.If(substitute(i.condition(), args, done), substitute(i.then(), args, done),
                substitute(i.otherwise(), args, done));
            case Expr.Cast c -> new Expr.Cast(substitute(c.arg(), args, done), c.type());
            case Expr.MathCall m -> new Expr.MathCall(m.fn(),
                m.args().stream().map(a -> substitute(a, args, done)).toList());
            default -> e; // literals; the lifter makes no other nodes
        };
        done.put(e, result);
        return result;
    }

    /**
     * @return bit i set when a null parameter i makes {@code e} null under the IR's null rules (strict operators
     *     propagate, Kleene and/or need both sides null, if takes the else branch on a null condition).
     */
    private static long strictParams(final Expr e, final Map<Expr, Long> done)
    {
        final Long known = done.get(e);
        if (known != null)
        {
            return known;
        }
        final long result = switch (e)
        {
            case Expr.Column c -> BytecodeLifter.paramIndex(c) >= 0 ? 1L << BytecodeLifter.paramIndex(c) : 0;
            case Expr.Arith a -> strictParams(a.left(), done) | strictParams(a.right(), done);
            case Expr.Compare c -> strictParams(c.left(), done) | strictParams(c.right(), done);
            case Expr.Negate n -> strictParams(n.arg(), done);
            case Expr.Not n -> strictParams(n.arg(), done);
            case Expr.Cast c -> strictParams(c.arg(), done);
            case Expr.And a -> strictParams(a.left(), done) & strictParams(a.right(), done);
            case Expr.Or o -> strictParams(o.left(), done) & strictParams(o.right(), done);
            case Expr.If i -> strictParams(i.otherwise(), done) &
                (strictParams(i.condition(), done) | strictParams(i.then(), done));
            case Expr.MathCall m ->
            {
                long s = 0;
                for (final Expr a : m.args())
                {
                    s |= strictParams(a, done);
                }
                yield s;
            }
            default -> 0L; // literals, is_null
        };
        done.put(e, result);
        return result;
    }

    /**
     * Values the generated code must hold (as literal-like fields) and push before the arguments: the captured
     * values of a REHOSTED (or LIFTED) UDF, boxed, to be pushed as {@link #hostedValueType} (a primitive); the lambda
     * object of an OPAQUE one.
     *
     * @return the values, in push order.
     */
    public List<Object> hostedValues()
    {
        return hostedValues;
    }

    /**
     * @param i index into {@link #hostedValues()}.
     * @return the JVM type to hold and push it as.
     */
    public ClassDesc hostedValueType(final int i)
    {
        return hostedValueTypes.get(i);
    }

    /**
     * Part of the expression shape key: equal keys mean the same generated code may serve both UDFs (with different
     * hosted values). It never contains captured values.
     *
     * @return the key.
     */
    public String shapeKey()
    {
        return shapeKey;
    }

    void emitInvoke(final Udf udf, final CodeBuilder code, final ClassDesc owner, final String hostMethod)
    {
        if (kind == Udf.Kind.OPAQUE)
        {
            final ClassDesc iface = ClassDesc.of(udf.functionalInterface().getName());
            code.invokeinterface(iface, udf.interfaceMethod(), udf.interfaceMethodType());
        }
        else
        {
            code.invokestatic(owner, hostMethod, hostType);
        }
    }

    void addHostMethod(final Udf udf, final ClassBuilder classBuilder, final String hostMethod)
    {
        if (kind != Udf.Kind.OPAQUE)
        {
            classBuilder.withMethodBody(hostMethod, hostType, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, hostBody);
        }
    }

    static ClassDesc primitive(final DataType type)
    {
        return switch (type)
        {
            case BOOLEAN -> ConstantDescs.CD_boolean;
            case INT32 -> ConstantDescs.CD_int;
            case INT64 -> ConstantDescs.CD_long;
            case FLOAT32 -> ConstantDescs.CD_float;
            case FLOAT64 -> ConstantDescs.CD_double;
            case UTF8, DATE, DECIMAL -> throw new IllegalArgumentException(type + " is not a udf parameter type");
        };
    }
}
