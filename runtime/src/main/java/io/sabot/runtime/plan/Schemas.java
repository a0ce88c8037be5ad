package io.sabot.runtime.plan;

import io.sabot.kernels.decimal.Decimal64Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sabot.common.SchemaException;
import io.sabot.jit.Projection;
import io.sabot.jit.bind.Binder;
import io.sabot.runtime.api.Agg;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Output schemas of logical operators, derived at planning time so that type errors surface before anything runs.
 */
public final class Schemas
{
    private Schemas()
    {
    }

    /**
     * @param schema a schema.
     * @param name   a column name.
     * @return the field.
     * @throws SchemaException naming the column and listing the schema when there is no such column.
     */
    public static Field field(final Schema schema, final String name)
    {
        for (final Field field : schema.getFields())
        {
            if (field.getName().equals(name))
            {
                return field;
            }
        }
        throw new SchemaException("unknown column '" + name + "'; the input has " + names(schema));
    }

    /**
     * @param schema a schema.
     * @return its column names.
     */
    public static List<String> names(final Schema schema)
    {
        final List<String> names = new ArrayList<>();
        for (final Field field : schema.getFields())
        {
            names.add(field.getName());
        }
        return names;
    }

    static Schema project(final Schema input, final List<Projection> projections)
    {
        final List<Field> fields = new ArrayList<>(projections.size());
        final Set<String> seen = new HashSet<>();
        for (final Projection projection : projections)
        {
            if (!seen.add(projection.name()))
            {
                throw new SchemaException("duplicate output column '" + projection.name() + "' in projection");
            }
            if (projection.expr() instanceof io.sabot.jit.expr.Expr.Column column)
            {
                // a reference passes the column through as it is (any type, also ones expressions cannot read)
                final Field source = field(input, column.name());
                fields.add(new Field(projection.name(), source.getFieldType(), source.getChildren()));
                continue;
            }
            final ArrowType type = Binder.bindTyped(projection.expr(), input).type().arrowType();
            fields.add(Field.nullable(projection.name(), type));
        }
        return new Schema(fields);
    }

    /** @return whether every projection can run in one generated program over {@code input}. */
    static boolean compilable(final List<Projection> projections, final Schema input)
    {
        try
        {
            for (final Projection projection : projections)
            {
                if (projection.expr() instanceof io.sabot.jit.expr.Expr.Column column &&
                    field(input, column.name()).getType() instanceof Decimal64Type)
                {
                    // generated projections write Decimal128; a decimal64 reference must pass through unchanged
                    return false;
                }
                Binder.bindTyped(projection.expr(), input);
            }
            return true;
        }
        catch (final SchemaException e)
        {
            return false;
        }
    }

    static Schema aggregate(final Schema input, final List<String> keys, final List<Agg> aggregates)
    {
        final List<Field> fields = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        for (final String key : keys)
        {
            fields.add(field(input, key));
            seen.add(key);
        }
        for (final Agg agg : aggregates)
        {
            if (!seen.add(agg.name()))
            {
                throw new SchemaException("duplicate output column '" + agg.name() + "' in aggregate");
            }
            fields.add(Field.nullable(agg.name(), aggregateType(input, agg)));
        }
        return new Schema(fields);
    }

    static ArrowType aggregateType(final Schema input, final Agg agg)
    {
        if (agg.function() == io.sabot.runtime.operator.Aggregate.Function.USER)
        {
            return StatefulOps.aggregates(List.of(agg)).get(0).userResultType(input);
        }
        if (agg.function() == io.sabot.runtime.operator.Aggregate.Function.COUNT_ALL || agg.function() == io.sabot.runtime.operator.Aggregate.Function.COUNT)
        {
            if (agg.column() != null)
            {
                field(input, agg.column());
            }
            return new ArrowType.Int(64, true);
        }
        final ArrowType declared = field(input, agg.column()).getType();
        // a decimal64 input aggregates as its Decimal128 twin (AggregateOperator widens it): sums are
        // decimal(38, s), min/max Decimal128 of the column's own precision
        final ArrowType type = declared instanceof Decimal64Type d ? d.wide() : declared;
        final boolean numeric = type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint ||
            type instanceof ArrowType.Decimal;
        return switch (agg.function())
        {
            case SUM ->
            {
                if (!numeric)
                {
                    throw new SchemaException("sum(" + agg.column() + ") needs a numeric column but it is " + type);
                }
                if (type instanceof ArrowType.Decimal decimal)
                {
                    yield new ArrowType.Decimal(38, decimal.getScale(), 128);
                }
                yield type instanceof ArrowType.FloatingPoint ? new ArrowType.FloatingPoint(
                    FloatingPointPrecision.DOUBLE) : new ArrowType.Int(64, true);
            }
            case MEAN ->
            {
                if (!numeric)
                {
                    throw new SchemaException("mean(" + agg.column() + ") needs a numeric column but it is " + type);
                }
                yield new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            }
            case MIN, MAX -> type;
            default -> throw new IllegalStateException(agg.function().name());
        };
    }

    static void sameSchema(final Schema expected, final Schema actual, final String what)
    {
        if (expected.getFields().size() != actual.getFields().size())
        {
            throw new SchemaException(what + ": inputs have different columns: " + expected + " vs " + actual);
        }
        for (int i = 0; i < expected.getFields().size(); i++)
        {
            final Field a = expected.getFields().get(i);
            final Field b = actual.getFields().get(i);
            if (!a.getName().equals(b.getName()) || !a.getType().equals(b.getType()))
            {
                throw new SchemaException(what + ": column " + i + " is '" + a.getName() + "' " + a.getType() +
                    " in one input but '" + b.getName() + "' " + b.getType() + " in another");
            }
        }
    }

    static Field nullable(final Field field)
    {
        return new Field(field.getName(), new FieldType(true, field.getType(), field.getDictionary(),
            field.getMetadata()), field.getChildren());
    }
}
