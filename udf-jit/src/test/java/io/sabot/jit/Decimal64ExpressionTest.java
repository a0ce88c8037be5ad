package io.sabot.jit;

import java.math.BigDecimal;
import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.expr.ValueType;
import io.sabot.kernels.Batch;
import io.sabot.kernels.decimal.Decimal64Type;
import io.sabot.kernels.decimal.Decimals;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every DATE/DECIMAL check of {@link DecimalDateTest} (generated vector and scalar code and the interpreter against
 * the BigDecimal reference, slices, selections) with the decimal columns stored as {@code sabot.decimal64}, plus the
 * storage checks: decimal64 columns bind as the same DECIMAL(p, s), read as int64 lanes, and a program compiled for
 * one storage refuses a batch of the other.
 */
class Decimal64ExpressionTest extends DecimalDateTest
{
    @Override
    boolean decimal64()
    {
        return true;
    }

    @Test
    void decimal64ColumnsBindAsTheSameDecimalReadAsInt64()
    {
        final Schema wide = new Schema(List.of(Field.nullable("p", ValueType.decimal(15, 2).arrowType())));
        final Schema narrow = Decimals.narrow(wide);
        assertInstanceOf(Decimal64Type.class, narrow.getFields().get(0).getType());
        final Binder.Result a = Binder.bindTyped(ExprParser.parse("p * 2"), wide);
        final Binder.Result b = Binder.bindTyped(ExprParser.parse("p * 2"), narrow);
        assertEquals(a.type(), b.type());
        final Bound.Column wideColumn = (Bound.Column)Binder.bind(ExprParser.parse("p"), wide);
        final Bound.Column narrowColumn = (Bound.Column)Binder.bind(ExprParser.parse("p"), narrow);
        assertTrue(wideColumn.isDecimal());
        assertFalse(narrowColumn.isDecimal());
        assertTrue(narrowColumn.decimal64());
        assertEquals(wideColumn.source(), narrowColumn.source());
    }

    @Test
    void aProgramCompiledForOneStorageRefusesTheOther()
    {
        final Schema wide = new Schema(List.of(Field.nullable("p", ValueType.decimal(15, 2).arrowType())));
        final Schema narrow = Decimals.narrow(wide);
        final ExpressionCompiler compiler = new ExpressionCompiler();
        final CompiledFilter forWide = compiler.compileFilter(ExprParser.parse("p > 1.5"), wide);
        final CompiledFilter forNarrow = compiler.compileFilter(ExprParser.parse("p > 1.5"), narrow);
        assertTrue(forNarrow.isCompiled(), forNarrow.fallbackReason());
        final DecimalVector p = new DecimalVector("p", memory.allocator(), 15, 2);
        p.allocateNew(3);
        p.set(0, new BigDecimal("1.00"));
        p.set(1, new BigDecimal("2.00"));
        p.setNull(2);
        p.setValueCount(3);
        try (Batch wideBatch = Batch.of(p);
             Batch narrowBatch = Decimals.narrow(wideBatch, memory.allocator()))
        {
            assertTrue(assertThrows(SchemaException.class, () -> forWide.filter(narrowBatch, memory.allocator()))
                .getMessage().contains("'p'"));
            assertThrows(SchemaException.class, () -> forNarrow.filter(wideBatch, memory.allocator()));
            try (var selected = forNarrow.filter(narrowBatch, memory.allocator()))
            {
                assertEquals(List.of(1), java.util.Arrays.stream(selected.toArray()).boxed().toList());
            }
        }
    }
}
