package io.sabot.simd;

import jdk.incubator.vector.VectorShape;

/**
 * Chooses, once per JVM, whether the facades in this package run their Vector API path or their scalar twin.
 *
 * <p>The choice is a {@code static final} boolean so that C2 folds the dispatch away. It is read from the system
 * property {@value #PROPERTY}: {@code vector} forces the Vector API, {@code scalar} forces the scalar twins, and
 * {@code auto} (the default) uses vectors when the preferred shape is at least 256 bits wide and the C2 compiler is
 * present. Tests that compare the two paths call the {@code Vector*} and {@code Scalar*} classes directly.
 */
public final class SimdConfig
{
    /** System property that forces a path: {@code auto}, {@code vector} or {@code scalar}. */
    public static final String PROPERTY = "sabot.simd";

    /** True when the facades dispatch to the Vector API implementations. */
    public static final boolean VECTOR_ENABLED = decide(System.getProperty(PROPERTY, "auto"));

    private SimdConfig()
    {
    }

    static boolean decide(final String value)
    {
        switch (value)
        {
            case "vector":
                return true;
            case "scalar":
                return false;
            case "auto":
                // Vector code on 128-bit shapes or without C2 is slower than scalar (see Lucene's provider).
                return VectorShape.preferredShape().vectorBitSize() >= 256 && !isInterpreterOrC1Only();
            default:
                throw new IllegalArgumentException(
                    "-D" + PROPERTY + " must be auto, vector or scalar, not '" + value + "'");
        }
    }

    private static boolean isInterpreterOrC1Only()
    {
        return System.getProperty("java.vm.info", "").contains("interpreted mode");
    }

    /**
     * @return a short description for logs and benchmark headers, e.g. {@code "vector (256-bit)"}.
     */
    public static String describe()
    {
        return VECTOR_ENABLED ? "vector (" + VectorShape.preferredShape().vectorBitSize() + "-bit)" : "scalar";
    }
}
