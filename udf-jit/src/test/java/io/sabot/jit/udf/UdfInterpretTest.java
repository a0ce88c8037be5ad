package io.sabot.jit.udf;

import io.sabot.jit.bind.Bound;
import io.sabot.kernels.testing.AllocatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** UDF calls bound and run by the interpreter agree with the lambda on edge, random and null inputs. */
class UdfInterpretTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void liftedSamplesMatchTheLambda()
    {
        for (final Udf udf : UdfBindTest.liftedSamples())
        {
            UdfRunner.check(memory.allocator(), udf, udf.name().hashCode());
        }
    }

    @Test
    void calledUdfsMatchTheLambda()
    {
        final Udf rehosted = Udf.doubleFn("horner", x ->
        {
            double r = 0;
            for (int i = 0; i < 4; i++)
            {
                r = r * x + 0.5;
            }
            return r;
        });
        final Udf opaque = Udf.doublePredicate("boxed", (x, y) -> Double.valueOf(x).compareTo(y) > 0);
        assertEquals(Udf.Kind.REHOSTED, rehosted.kind());
        assertEquals(Udf.Kind.OPAQUE, opaque.kind());
        for (final Udf udf : new Udf[] {rehosted, opaque})
        {
            final Bound bound = UdfRunner.check(memory.allocator(), udf, 7);
            assertInstanceOf(Bound.UdfCall.class, bound);
        }
    }
}
