package io.sabot.jit.udf;

import io.sabot.jit.expr.MathFn;

import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Set;

/**
 * Which static JDK methods a UDF body may call: the ones the IR has ({@link #mathFn}, lifted), and the pure ones a
 * rehosted copy may keep calling ({@link #isPure}).
 *
 * <p>Thread-safety: stateless.
 */
final class StaticCalls
{
    static final String MATH = "java/lang/Math";
    static final String STRICT_MATH = "java/lang/StrictMath";

    /** Classes whose static methods over primitives only are pure (no state, no I/O), except {@code random}. */
    private static final Set<String> PURE_OWNERS = Set.of(MATH, STRICT_MATH, "java/lang/Integer", "java/lang/Long",
        "java/lang/Float", "java/lang/Double", "java/lang/Short", "java/lang/Byte", "java/lang/Boolean",
        "java/lang/Character");

    /** StrictMath functions whose results are bitwise those of Math (exact operations, no approximation). */
    private static final Set<String> STRICT_EXACT = Set.of("abs", "min", "max", "sqrt", "floor", "ceil");

    private StaticCalls()
    {
    }

    /**
     * @param owner internal name of the class, e.g. {@code java/lang/Math}.
     * @param name  method name.
     * @param type  method descriptor.
     * @return the IR function computing bitwise the same result, or {@code null}.
     */
    static MathFn mathFn(final String owner, final String name, final MethodTypeDesc type)
    {
        if (!MATH.equals(owner) && !(STRICT_MATH.equals(owner) && STRICT_EXACT.contains(name)))
        {
            return null;
        }
        final String desc = type.descriptorString();
        return switch (name)
        {
            case "abs" -> oneOf(desc, "(I)I", "(J)J", "(F)F", "(D)D") ? MathFn.ABS : null;
            case "min" -> oneOf(desc, "(II)I", "(JJ)J", "(FF)F", "(DD)D") ? MathFn.MIN : null;
            case "max" -> oneOf(desc, "(II)I", "(JJ)J", "(FF)F", "(DD)D") ? MathFn.MAX : null;
            case "sqrt" -> "(D)D".equals(desc) ? MathFn.SQRT : null;
            case "exp" -> "(D)D".equals(desc) ? MathFn.EXP : null;
            case "log" -> "(D)D".equals(desc) ? MathFn.LOG : null;
            case "floor" -> "(D)D".equals(desc) ? MathFn.FLOOR : null;
            case "ceil" -> "(D)D".equals(desc) ? MathFn.CEIL : null;
            case "pow" -> "(DD)D".equals(desc) ? MathFn.POW : null;
            default -> null;
        };
    }

    /**
     * @param owner internal class name.
     * @param name  method name.
     * @param type  descriptor.
     * @return whether the call is {@code Double.isNaN(D)Z} or {@code Float.isNaN(F)Z} (lifted as {@code x != x}).
     */
    static boolean isNaNTest(final String owner, final String name, final MethodTypeDesc type)
    {
        return "isNaN".equals(name) && (("java/lang/Double".equals(owner) && "(D)Z".equals(type.descriptorString())) ||
            ("java/lang/Float".equals(owner) && "(F)Z".equals(type.descriptorString())));
    }

    /**
     * @param owner internal class name.
     * @param name  method name.
     * @param type  descriptor.
     * @return whether a rehosted body may call it: a static method of a boxed-primitive class, {@code Math} or
     *     {@code StrictMath} taking and returning primitives only, other than {@code random}.
     */
    static boolean isPure(final String owner, final String name, final MethodTypeDesc type)
    {
        if (!PURE_OWNERS.contains(owner) || "random".equals(name) || !type.returnType().isPrimitive() ||
            "V".equals(type.returnType().descriptorString()))
        {
            return false;
        }
        for (final ClassDesc p : type.parameterList())
        {
            if (!p.isPrimitive())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param owner internal class name.
     * @param name  method name.
     * @param type  descriptor.
     * @return {@code owner.name(desc)} with dots, for reasons.
     */
    static String describe(final String owner, final String name, final MethodTypeDesc type)
    {
        return owner.replace('/', '.') + "." + name + type.descriptorString();
    }

    private static boolean oneOf(final String desc, final String... options)
    {
        for (final String o : options)
        {
            if (o.equals(desc))
            {
                return true;
            }
        }
        return false;
    }
}
