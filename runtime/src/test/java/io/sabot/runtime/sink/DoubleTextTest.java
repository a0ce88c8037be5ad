package io.sabot.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class DoubleTextTest
{
    @Test
    void formatsLikeDuckDbCastToText()
    {
        assertEquals("100.0", DoubleText.format(100.0));
        assertEquals("0.5", DoubleText.format(0.5));
        assertEquals("-2.0", DoubleText.format(-2.0));
        assertEquals("0.0001", DoubleText.format(1e-4));
        assertEquals("1e-05", DoubleText.format(1e-5));
        assertEquals("1.5e-07", DoubleText.format(1.5e-7));
        assertEquals("1000000000000000.0", DoubleText.format(1e15));
        assertEquals("1e+16", DoubleText.format(1e16));
        assertEquals("1.2345678901234568e+20", DoubleText.format(123456789012345678901.0));
        assertEquals("0.30000000000000004", DoubleText.format(0.1 + 0.2));
        assertEquals("123456.789", DoubleText.format(123456.789));
        assertEquals("0.0", DoubleText.format(0.0));
        assertEquals("-0.0", DoubleText.format(-0.0));
        assertEquals("nan", DoubleText.format(Double.NaN));
        assertEquals("-inf", DoubleText.format(Double.NEGATIVE_INFINITY));
        assertEquals("0.1", DoubleText.format(0.1f));
        assertEquals("1e+20", DoubleText.format(1e20f));
    }

    @Test
    void roundTripsThroughParseDouble()
    {
        final Random r = new Random(1);
        for (int i = 0; i < 10_000; i++)
        {
            final double d = switch (i % 4)
            {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
                case 2 -> r.nextInt(100_000) / 100.0;
                default -> r.nextLong();
            };
            if (!Double.isNaN(d))
            {
                assertEquals(d, Double.parseDouble(DoubleText.format(d).replace("inf", "Infinity")), "" + d);
            }
        }
    }
}
