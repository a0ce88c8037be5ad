package io.sabot.jit.udf;

import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.MathFn;
import io.sabot.simd.CompareOp;

import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.PseudoInstruction;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.NopInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a static method's bytecode: {@link #impurity} says whether a copy of it may run inside generated code, and
 * {@link #lift} symbolically executes it into the expression IR.
 *
 * <p>Symbolic execution keeps an operand stack and locals of IR values. Parameters are placeholder columns
 * ({@link #param}), captured values literals. Each forward branch forks the state; the two results are joined into
 * an {@link Expr.If} on the branch condition, so the result is a tree of Ifs over the paths (at most
 * {@link #MAX_PATHS}). Float comparisons keep their NaN result ({@code fcmpl}/{@code dcmpl} give -1, the {@code g}
 * forms +1) until the branch that consumes them, which is then written with IEEE comparisons that agree on NaN.
 *
 * <p>Thread-safety: one instance per analysis, not shared.
 */
final class BytecodeLifter
{
    /** Paths through the body beyond which lifting gives up (the If tree would grow too big). */
    static final int MAX_PATHS = 64;

    private static final String PARAM_PREFIX = "$udf$param";

    private final List<CodeElement> code;
    private final Map<Label, Integer> labels = new HashMap<>();
    private final int maxLocals;
    private int paths;

    /** Thrown inside the lifter when the body cannot be lifted; never escapes {@link UdfAnalysis}. */
    static final class NotLiftable extends Exception
    {
        private static final long serialVersionUID = 1L;

        NotLiftable(final String reason)
        {
            super(reason, null, false, false);
        }
    }

    BytecodeLifter(final List<CodeElement> code, final int maxLocals)
    {
        this.code = code;
        this.maxLocals = maxLocals;
        for (int i = 0; i < code.size(); i++)
        {
            if (code.get(i) instanceof LabelTarget t)
            {
                labels.put(t.label(), i);
            }
        }
    }

    /**
     * @param index parameter position (after the captured values).
     * @return the placeholder the lifted template uses for it.
     */
    static Expr.Column param(final int index)
    {
        return new Expr.Column(PARAM_PREFIX + index);
    }

    /**
     * @param column a column of a lifted template.
     * @return its parameter index, or -1 if it is not a placeholder.
     */
    static int paramIndex(final Expr.Column column)
    {
        return column.name().startsWith(PARAM_PREFIX) ? Integer.parseInt(column.name().substring(PARAM_PREFIX.length()))
            : -1;
    }

    // ---- purity ------------------------------------------------------------------------------------------------

    /**
     * @param code a method body.
     * @return why a copy of it may not run in generated code (it touches objects, state, or calls methods other than
     *     pure JDK statics), or {@code null} when it is pure.
     */
    static String impurity(final List<CodeElement> code)
    {
        for (final CodeElement e : code)
        {
            final String why = switch (e)
            {
                case ExceptionCatch c -> "has a try/catch";
                case PseudoInstruction p -> null;
                case LoadInstruction i -> i.typeKind() == TypeKind.REFERENCE ? "uses object values" : null;
                case StoreInstruction i -> i.typeKind() == TypeKind.REFERENCE ? "uses object values" : null;
                case ReturnInstruction i -> i.typeKind() == TypeKind.REFERENCE || i.typeKind() == TypeKind.VOID
                    ? "returns " + i.typeKind().name().toLowerCase() : null;
                case ConstantInstruction i -> i.constantValue() instanceof Number ? null
                    : "loads the constant " + i.constantValue();
                case OperatorInstruction i -> i.opcode() == Opcode.ARRAYLENGTH ? "accesses an array" : null;
                case ConvertInstruction i -> null;
                case BranchInstruction i -> null;
                case LookupSwitchInstruction i -> null;
                case TableSwitchInstruction i -> null;
                case IncrementInstruction i -> null;
                case StackInstruction i -> null;
                case NopInstruction i -> null;
                case InvokeInstruction i -> i.opcode() == Opcode.INVOKESTATIC &&
                    StaticCalls.isPure(i.owner().asInternalName(), i.name().stringValue(), i.typeSymbol()) ? null
                    : "calls " + StaticCalls.describe(i.owner().asInternalName(), i.name().stringValue(),
                        i.typeSymbol());
                case FieldInstruction i -> (i.opcode() == Opcode.GETFIELD || i.opcode() == Opcode.GETSTATIC ? "reads"
                    : "writes") + " field " + i.owner().asInternalName().replace('/', '.') + "." + i.name();
                case NewObjectInstruction i -> "allocates " + i.className().asInternalName().replace('/', '.');
                case NewPrimitiveArrayInstruction i -> "allocates an array";
                case NewReferenceArrayInstruction i -> "allocates an array";
                case NewMultiArrayInstruction i -> "allocates an array";
                case ArrayLoadInstruction i -> "accesses an array";
                case ArrayStoreInstruction i -> "accesses an array";
                case ThrowInstruction i -> "throws";
                case MonitorInstruction i -> "synchronizes";
                case InvokeDynamicInstruction i -> "uses invokedynamic (" + i.name() + ")";
                case TypeCheckInstruction i -> "checks a type";
                case Instruction i -> "uses " + i.opcode().name().toLowerCase();
                default -> null;
            };
            if (why != null)
            {
                return why;
            }
        }
        return null;
    }

    // ---- symbolic values ---------------------------------------------------------------------------------------

    /** A value on the symbolic stack or in a local. */
    private sealed interface Value permits Num, Bool, Cmp, Top
    {
    }

    /** A number of one JVM computational type. */
    private record Num(TypeKind kind, Expr expr) implements Value
    {
    }

    /** A JVM int that is 0 or 1: the result of a test. */
    private record Bool(Expr condition) implements Value
    {
    }

    /** The int -1/0/1 of lcmp/fcmpl/fcmpg/dcmpl/dcmpg; {@code nan} is what NaN operands give (0 for lcmp). */
    private record Cmp(Expr left, Expr right, boolean floating, int nan) implements Value
    {
    }

    /** Second word of a long or double on the stack. */
    private record Top() implements Value
    {
    }

    private static final Top TOP = new Top();

    private static final class State
    {
        final Value[] locals;
        final ArrayList<Value> stack;

        State(final Value[] locals, final ArrayList<Value> stack)
        {
            this.locals = locals;
            this.stack = stack;
        }

        State copy()
        {
            return new State(locals.clone(), new ArrayList<>(stack));
        }

        void push(final Value v)
        {
            stack.add(v);
            if (isWide(v))
            {
                stack.add(TOP);
            }
        }

        Value pop()
        {
            final Value v = stack.removeLast();
            return v instanceof Top ? stack.removeLast() : v;
        }
    }

    private static boolean isWide(final Value v)
    {
        return v instanceof Num n && (n.kind == TypeKind.LONG || n.kind == TypeKind.DOUBLE);
    }

    // ---- lifting -----------------------------------------------------------------------------------------------

    /**
     * @param descriptor the method's descriptor: {@code capturedCount} captured parameters, then the UDF's.
     * @param captured   the captured values (boxed primitives), in order.
     * @param returnType the UDF's result type.
     * @return the body as an IR template over {@link #param} placeholders.
     * @throws NotLiftable with the reason when it cannot be lifted.
     */
    Expr lift(final MethodTypeDesc descriptor, final List<Object> captured, final DataType returnType)
        throws NotLiftable
    {
        final Value[] locals = new Value[Math.max(maxLocals, slots(descriptor))];
        int slot = 0;
        for (int i = 0; i < descriptor.parameterCount(); i++)
        {
            final TypeKind kind = TypeKind.from(descriptor.parameterType(i));
            final Value v = i < captured.size() ? literal(captured.get(i))
                : new Num(kind.asLoadable(), param(i - captured.size()));
            locals[slot] = v;
            slot += kind.slotSize();
        }
        for (int pc = 0; pc < code.size(); pc++)
        {
            if (code.get(pc) instanceof BranchInstruction b && labels.getOrDefault(b.target(), pc) <= pc)
            {
                throw new NotLiftable("has a loop (backward branch)");
            }
        }
        paths = 0;
        final Value result = run(new State(locals, new ArrayList<>()), 0);
        return toType(result, returnType);
    }

    private static int slots(final MethodTypeDesc descriptor)
    {
        int n = 0;
        for (final var p : descriptor.parameterList())
        {
            n += TypeKind.from(p).slotSize();
        }
        return n;
    }

    private static Value literal(final Object boxed) throws NotLiftable
    {
        return switch (boxed)
        {
            case Integer v -> intLit(v);
            case Short v -> intLit(v);
            case Byte v -> intLit(v);
            case Character v -> intLit(v);
            case Boolean v -> intLit(v ? 1 : 0);
            case Long v -> new Num(TypeKind.LONG, new Expr.Literal(DataType.INT64, v));
            case Float v -> new Num(TypeKind.FLOAT, new Expr.Literal(DataType.FLOAT32, v));
            case Double v -> new Num(TypeKind.DOUBLE, new Expr.Literal(DataType.FLOAT64, v));
            default -> throw new NotLiftable("captures a " + boxed.getClass().getName());
        };
    }

    private static Num intLit(final int v)
    {
        return new Num(TypeKind.INT, new Expr.Literal(DataType.INT32, v));
    }

    /** Runs one path from {@code start}; returns the value it returns (a tree of Ifs where it forks). */
    private Value run(final State s, final int start) throws NotLiftable
    {
        if (++paths > MAX_PATHS)
        {
            throw new NotLiftable("more than " + MAX_PATHS + " paths through the body");
        }
        for (int pc = start; pc < code.size(); pc++)
        {
            final CodeElement e = code.get(pc);
            switch (e)
            {
                case PseudoInstruction p ->
                {
                    // labels, line numbers, local variable names: nothing to execute
                }
                case NopInstruction n ->
                {
                }
                case LoadInstruction i -> s.push(local(s, i.slot()));
                case StoreInstruction i ->
                {
                    final Value v = s.pop();
                    s.locals[i.slot()] = v;
                    if (isWide(v) && i.slot() + 1 < s.locals.length)
                    {
                        s.locals[i.slot() + 1] = null;
                    }
                }
                case IncrementInstruction i ->
                {
                    final Expr x = asExpr(local(s, i.slot()), TypeKind.INT);
                    s.locals[i.slot()] = new Num(TypeKind.INT,
                        new Expr.Arith(ArithOp.ADD, x, new Expr.Literal(DataType.INT32, i.constant())));
                }
                case ConstantInstruction i -> s.push(constant(i.constantValue()));
                case StackInstruction i -> stack(s, i.opcode());
                case OperatorInstruction i -> operator(s, i.opcode(), i.typeKind());
                case ConvertInstruction i -> convert(s, i);
                case InvokeInstruction i -> invoke(s, i);
                case ReturnInstruction i ->
                {
                    return s.pop();
                }
                case BranchInstruction i ->
                {
                    final int target = target(pc, i.target());
                    if (i.opcode() == Opcode.GOTO || i.opcode() == Opcode.GOTO_W)
                    {
                        pc = target - 1;
                        continue;
                    }
                    final Expr taken = condition(s, i.opcode());
                    if (taken instanceof Expr.Literal l && l.value() instanceof Boolean b)
                    {
                        // decided by constants (e.g. a captured flag): follow the one path
                        if (b)
                        {
                            pc = target - 1;
                        }
                        continue;
                    }
                    final Value whenTaken = run(s.copy(), target);
                    final Value otherwise = run(s, pc + 1);
                    return join(taken, whenTaken, otherwise);
                }
                case TableSwitchInstruction i ->
                {
                    return switchOn(s, pc, asExpr(s.pop(), TypeKind.INT), i.cases(), i.defaultTarget());
                }
                case LookupSwitchInstruction i ->
                {
                    return switchOn(s, pc, asExpr(s.pop(), TypeKind.INT), i.cases(), i.defaultTarget());
                }
                case Instruction i -> throw new NotLiftable("uses " + i.opcode().name().toLowerCase());
                default ->
                {
                    // attributes such as stack maps carry nothing to execute
                }
            }
        }
        throw new NotLiftable("falls off the end of the code");
    }

    /** A switch as nested Ifs on {@code key == case}, the default innermost; each case target is its own path. */
    private Value switchOn(final State s, final int pc, final Expr key, final List<SwitchCase> cases,
        final Label defaultTarget) throws NotLiftable
    {
        Value result = run(s.copy(), target(pc, defaultTarget));
        for (final SwitchCase c : cases.reversed())
        {
            final Expr matches = compare(CompareOp.EQ, key, lit(c.caseValue()));
            if (matches instanceof Expr.Literal l && Boolean.FALSE.equals(l.value()))
            {
                continue;
            }
            final Value taken = run(s.copy(), target(pc, c.target()));
            result = matches instanceof Expr.Literal ? taken : join(matches, taken, result);
        }
        return result;
    }

    private int target(final int pc, final Label label) throws NotLiftable
    {
        final Integer target = labels.get(label);
        if (target == null)
        {
            throw new NotLiftable("branches to an unknown label");
        }
        if (target <= pc)
        {
            throw new NotLiftable("has a loop (backward branch)");
        }
        return target;
    }

    private static Value local(final State s, final int slot) throws NotLiftable
    {
        final Value v = slot < s.locals.length ? s.locals[slot] : null;
        if (v == null)
        {
            throw new NotLiftable("reads local " + slot + " before it is set");
        }
        return v;
    }

    private static Value constant(final ConstantDesc c) throws NotLiftable
    {
        return switch (c)
        {
            case Integer v -> intLit(v);
            case Long v -> new Num(TypeKind.LONG, new Expr.Literal(DataType.INT64, v));
            case Float v -> new Num(TypeKind.FLOAT, new Expr.Literal(DataType.FLOAT32, v));
            case Double v -> new Num(TypeKind.DOUBLE, new Expr.Literal(DataType.FLOAT64, v));
            case null -> throw new NotLiftable("uses null");
            default -> throw new NotLiftable("loads the constant " + c);
        };
    }

    private static void stack(final State s, final Opcode op) throws NotLiftable
    {
        final List<Value> st = s.stack;
        final int n = st.size();
        switch (op)
        {
            case POP -> st.removeLast();
            case POP2 ->
            {
                st.removeLast();
                st.removeLast();
            }
            case DUP -> st.add(st.get(n - 1));
            case DUP_X1 -> st.add(n - 2, st.get(n - 1));
            case DUP_X2 -> st.add(n - 3, st.get(n - 1));
            case DUP2 ->
            {
                st.add(st.get(n - 2));
                st.add(st.get(n - 1));
            }
            case DUP2_X1 ->
            {
                st.add(n - 3, st.get(n - 1));
                st.add(n - 3, st.get(n - 2));
            }
            case DUP2_X2 ->
            {
                st.add(n - 4, st.get(n - 1));
                st.add(n - 4, st.get(n - 2));
            }
            case SWAP ->
            {
                final Value top = st.removeLast();
                st.add(n - 2, top);
            }
            default -> throw new NotLiftable("uses " + op.name().toLowerCase());
        }
    }

    private static void operator(final State s, final Opcode op, final TypeKind kind) throws NotLiftable
    {
        switch (op)
        {
            case IADD, LADD, FADD, DADD -> arith(s, ArithOp.ADD, kind);
            case ISUB, LSUB, FSUB, DSUB -> arith(s, ArithOp.SUB, kind);
            case IMUL, LMUL, FMUL, DMUL -> arith(s, ArithOp.MUL, kind);
            case FDIV, DDIV -> arith(s, ArithOp.DIV, kind);
            case FREM, DREM -> arith(s, ArithOp.MOD, kind);
            case IDIV, LDIV, IREM, LREM -> integerDivision(s, op, kind);
            case INEG, LNEG, FNEG, DNEG -> s.push(new Num(kind, new Expr.Negate(asExpr(s.pop(), kind))));
            case LCMP ->
            {
                final Expr right = asExpr(s.pop(), TypeKind.LONG);
                final Expr left = asExpr(s.pop(), TypeKind.LONG);
                s.push(new Cmp(left, right, false, 0));
            }
            case FCMPL, FCMPG, DCMPL, DCMPG ->
            {
                final TypeKind k = op == Opcode.FCMPL || op == Opcode.FCMPG ? TypeKind.FLOAT : TypeKind.DOUBLE;
                final Expr right = asExpr(s.pop(), k);
                final Expr left = asExpr(s.pop(), k);
                s.push(new Cmp(left, right, true, op == Opcode.FCMPL || op == Opcode.DCMPL ? -1 : 1));
            }
            case IAND, IOR, IXOR -> logic(s, op);
            default -> throw new NotLiftable("uses " + op.name().toLowerCase() + " (not in the IR)");
        }
    }

    /** {@code &}, {@code |}, {@code ^} of two tests (non-short-circuit boolean operators): and, or, !=. */
    private static void logic(final State s, final Opcode op) throws NotLiftable
    {
        final Value rv = s.pop();
        final Value lv = s.pop();
        final Expr right = asBool(rv);
        final Expr left = asBool(lv);
        if (left == null || right == null)
        {
            throw new NotLiftable("uses " + op.name().toLowerCase() + " on integers (not in the IR)");
        }
        if (left instanceof Expr.Literal l && right instanceof Expr.Literal r)
        {
            final boolean a = (Boolean) l.value();
            final boolean b = (Boolean) r.value();
            s.push(intLit(switch (op)
            {
                case IAND -> a & b;
                case IOR -> a | b;
                default -> a ^ b;
            } ? 1 : 0));
            return;
        }
        s.push(new Bool(switch (op)
        {
            case IAND -> new Expr.And(left, right);
            case IOR -> new Expr.Or(left, right);
            default -> new Expr.Compare(CompareOp.NE, left, right);
        }));
    }

    /** Integer / and % lift only by a non-zero constant: Java throws on zero where the IR gives null. */
    private static void integerDivision(final State s, final Opcode op, final TypeKind kind) throws NotLiftable
    {
        final Expr right = asExpr(s.pop(), kind);
        final Expr left = asExpr(s.pop(), kind);
        if (!(right instanceof Expr.Literal l && l.value() instanceof Number n && n.longValue() != 0))
        {
            throw new NotLiftable("divides integers by a variable (Java throws on zero where the IR gives null)");
        }
        s.push(new Num(kind, new Expr.Arith(op == Opcode.IDIV || op == Opcode.LDIV ? ArithOp.DIV : ArithOp.MOD, left,
            right)));
    }

    private static void arith(final State s, final ArithOp op, final TypeKind kind) throws NotLiftable
    {
        final Expr right = asExpr(s.pop(), kind);
        final Expr left = asExpr(s.pop(), kind);
        s.push(new Num(kind, new Expr.Arith(op, left, right)));
    }

    private static void convert(final State s, final ConvertInstruction i) throws NotLiftable
    {
        final TypeKind to = i.toType();
        if (to == TypeKind.BYTE || to == TypeKind.SHORT || to == TypeKind.CHAR)
        {
            throw new NotLiftable("uses " + i.opcode().name().toLowerCase() + " (not in the IR)");
        }
        final Expr from = asExpr(s.pop(), i.fromType());
        s.push(new Num(to, new Expr.Cast(from, dataType(to))));
    }

    private static void invoke(final State s, final InvokeInstruction i) throws NotLiftable
    {
        final String owner = i.owner().asInternalName();
        final String name = i.name().stringValue();
        final MethodTypeDesc type = i.typeSymbol();
        if (i.opcode() != Opcode.INVOKESTATIC)
        {
            throw new NotLiftable("calls " + StaticCalls.describe(owner, name, type));
        }
        if (StaticCalls.isNaNTest(owner, name, type))
        {
            final Expr x = asExpr(s.pop(), TypeKind.from(type.parameterType(0)));
            s.push(new Bool(new Expr.Compare(CompareOp.NE, x, x)));
            return;
        }
        final MathFn fn = StaticCalls.mathFn(owner, name, type);
        if (fn == null)
        {
            throw new NotLiftable("calls " + StaticCalls.describe(owner, name, type) +
                (StaticCalls.STRICT_MATH.equals(owner) ? " (not bitwise identical to Math)" : " (not in the IR)"));
        }
        final Expr[] args = new Expr[type.parameterCount()];
        for (int a = args.length - 1; a >= 0; a--)
        {
            args[a] = asExpr(s.pop(), TypeKind.from(type.parameterType(a)));
        }
        s.push(new Num(TypeKind.from(type.returnType()), new Expr.MathCall(fn, Arrays.asList(args))));
    }

    /** The condition under which the branch {@code op} is taken, popping its operands. */
    private static Expr condition(final State s, final Opcode op) throws NotLiftable
    {
        return switch (op)
        {
            case IFEQ, IFNE, IFLT, IFGE, IFGT, IFLE -> zeroTest(s.pop(), op);
            case IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE ->
            {
                final Expr right = asExpr(s.pop(), TypeKind.INT);
                final Expr left = asExpr(s.pop(), TypeKind.INT);
                yield compare(compareOp(op), left, right);
            }
            default -> throw new NotLiftable("uses " + op.name().toLowerCase());
        };
    }

    private static CompareOp compareOp(final Opcode op)
    {
        return switch (op)
        {
            case IFEQ, IF_ICMPEQ -> CompareOp.EQ;
            case IFNE, IF_ICMPNE -> CompareOp.NE;
            case IFLT, IF_ICMPLT -> CompareOp.LT;
            case IFGE, IF_ICMPGE -> CompareOp.GE;
            case IFGT, IF_ICMPGT -> CompareOp.GT;
            case IFLE, IF_ICMPLE -> CompareOp.LE;
            default -> throw new IllegalArgumentException(op.name());
        };
    }

    /** {@code if<cond>}: compares an int with zero; for a 3-way compare result, compares its operands instead. */
    private static Expr zeroTest(final Value v, final Opcode op) throws NotLiftable
    {
        final CompareOp cmp = compareOp(op);
        return switch (v)
        {
            case Bool b when cmp == CompareOp.NE || cmp == CompareOp.GT -> b.condition;
            case Bool b when cmp == CompareOp.EQ || cmp == CompareOp.LE -> not(b.condition);
            case Cmp c when !c.floating || c.nan == 0 -> compare(cmp, c.left, c.right);
            case Cmp c ->
            {
                // NaN gives c.nan (-1 or +1): the jump is taken on NaN exactly when "c.nan cmp 0" holds
                final boolean nanTaken = switch (cmp)
                {
                    case EQ -> false;
                    case NE -> true;
                    case LT, LE -> c.nan < 0;
                    case GT, GE -> c.nan > 0;
                };
                final boolean ieeeTrueOnNaN = cmp == CompareOp.NE;
                yield nanTaken == ieeeTrueOnNaN ? new Expr.Compare(cmp, c.left, c.right)
                    : not(new Expr.Compare(negate(cmp), c.left, c.right));
            }
            default -> compare(cmp, asExpr(v, TypeKind.INT), new Expr.Literal(DataType.INT32, 0));
        };
    }

    private static CompareOp negate(final CompareOp op)
    {
        return switch (op)
        {
            case EQ -> CompareOp.NE;
            case NE -> CompareOp.EQ;
            case LT -> CompareOp.GE;
            case GE -> CompareOp.LT;
            case GT -> CompareOp.LE;
            case LE -> CompareOp.GT;
        };
    }

    /** A comparison, folded when both sides are integer literals. */
    private static Expr compare(final CompareOp op, final Expr left, final Expr right)
    {
        if (left instanceof Expr.Literal l && right instanceof Expr.Literal r &&
            (l.value() instanceof Integer || l.value() instanceof Long) && l.value().getClass() == r.value().getClass())
        {
            final int c = Long.compare(((Number) l.value()).longValue(), ((Number) r.value()).longValue());
            final boolean holds = switch (op)
            {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
            };
            return new Expr.Literal(DataType.BOOLEAN, holds);
        }
        return new Expr.Compare(op, left, right);
    }

    private static Expr not(final Expr e)
    {
        if (e instanceof Expr.Not n)
        {
            return n.arg();
        }
        if (e instanceof Expr.Literal l && l.value() instanceof Boolean b)
        {
            return new Expr.Literal(DataType.BOOLEAN, !b);
        }
        return new Expr.Not(e);
    }

    /** The value of a two-way fork: {@code taken ? whenTaken : otherwise}. */
    private static Value join(final Expr taken, final Value whenTaken, final Value otherwise) throws NotLiftable
    {
        if (taken instanceof Expr.Not n)
        {
            // if(not c, a, b) is if(c, b, a): no nulls inside a lifted body
            return join(n.arg(), otherwise, whenTaken);
        }
        if (asBool(whenTaken) != null && asBool(otherwise) != null)
        {
            return new Bool(boolIf(taken, asBool(whenTaken), asBool(otherwise)));
        }
        final TypeKind kind = kindOf(whenTaken);
        if (kind != kindOf(otherwise))
        {
            throw new NotLiftable("paths return different types");
        }
        final Expr t = asExpr(whenTaken, kind);
        final Expr o = asExpr(otherwise, kind);
        return new Num(kind, t.equals(o) ? t : new Expr.If(taken, t, o));
    }

    private static TypeKind kindOf(final Value v)
    {
        return v instanceof Num n ? n.kind : TypeKind.INT;
    }

    /** A test result, or an int literal 0/1, as a BOOLEAN expression; otherwise {@code null}. */
    private static Expr asBool(final Value v)
    {
        if (v instanceof Bool b)
        {
            return b.condition;
        }
        if (v instanceof Num n && n.expr instanceof Expr.Literal l && l.value() instanceof Integer i &&
            (i == 0 || i == 1))
        {
            return new Expr.Literal(DataType.BOOLEAN, i == 1);
        }
        return null;
    }

    /**
     * {@code c ? t : e} over BOOLEANs, simplified. Lifted bodies see no nulls (a null argument is handled before
     * the body, see {@link UdfAnalysis#inline}), so two-valued identities hold.
     */
    private static Expr boolIf(final Expr c, final Expr t, final Expr e)
    {
        final Boolean tc = t instanceof Expr.Literal l && l.value() instanceof Boolean b ? b : null;
        final Boolean ec = e instanceof Expr.Literal l && l.value() instanceof Boolean b ? b : null;
        if (t.equals(e))
        {
            return t;
        }
        if (tc != null && ec != null)
        {
            return tc ? c : not(c);
        }
        if (ec != null)
        {
            return ec ? new Expr.Or(not(c), t) : new Expr.And(c, t);
        }
        if (tc != null)
        {
            return tc ? new Expr.Or(c, e) : new Expr.And(not(c), e);
        }
        return new Expr.If(c, t, e);
    }

    /** A value as an expression of JVM type {@code kind}. */
    private static Expr asExpr(final Value v, final TypeKind kind) throws NotLiftable
    {
        final TypeKind k = kind.asLoadable();
        return switch (v)
        {
            case Num n when n.kind == k -> n.expr;
            case Bool b when k == TypeKind.INT -> new Expr.Cast(b.condition, DataType.INT32);
            case Cmp c when k == TypeKind.INT ->
            {
                final Expr eqOrNaN = c.floating
                    ? new Expr.If(new Expr.Compare(CompareOp.EQ, c.left, c.right), lit(0), lit(c.nan))
                    : lit(0);
                yield new Expr.If(new Expr.Compare(CompareOp.LT, c.left, c.right), lit(-1),
                    new Expr.If(new Expr.Compare(CompareOp.GT, c.left, c.right), lit(1), eqOrNaN));
            }
            default -> throw new NotLiftable("type mismatch in the bytecode (" + v + " as " + k + ")");
        };
    }

    private static Expr lit(final int v)
    {
        return new Expr.Literal(DataType.INT32, v);
    }

    /** The returned value as an expression of the UDF's result type (BOOLEAN from a JVM int 0/1). */
    private static Expr toType(final Value v, final DataType type) throws NotLiftable
    {
        if (type == DataType.BOOLEAN)
        {
            final Expr b = asBool(v);
            if (b == null)
            {
                // the JVM keeps only bit 0 of an int returned as boolean; the IR has no bitwise and
                throw new NotLiftable("returns an int that is not a test result as boolean");
            }
            return b;
        }
        return asExpr(v, switch (type)
        {
            case INT32 -> TypeKind.INT;
            case INT64 -> TypeKind.LONG;
            case FLOAT32 -> TypeKind.FLOAT;
            case FLOAT64 -> TypeKind.DOUBLE;
            default -> throw new NotLiftable("returns " + type);
        });
    }

    private static DataType dataType(final TypeKind kind) throws NotLiftable
    {
        return switch (kind)
        {
            case INT -> DataType.INT32;
            case LONG -> DataType.INT64;
            case FLOAT -> DataType.FLOAT32;
            case DOUBLE -> DataType.FLOAT64;
            default -> throw new NotLiftable("uses " + kind.name().toLowerCase() + " values");
        };
    }
}
