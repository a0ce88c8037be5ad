package io.sabot.jit.testing;

import io.sabot.jit.expr.DataType;

/** The types bound trees compute with (DATE and DECIMAL are lowered by the binder and have their own tests). */
public final class PhysicalTypes
{
    private PhysicalTypes()
    {
    }

    /** @return BOOLEAN, INT32, INT64, FLOAT32, FLOAT64 and UTF8, a new array per call. */
    public static DataType[] values()
    {
        return new DataType[] {DataType.BOOLEAN, DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64,
            DataType.UTF8};
    }
}
