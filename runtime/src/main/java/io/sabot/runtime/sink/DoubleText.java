package io.sabot.runtime.sink;

/**
 * Formats floating-point values the way DuckDB casts them to text: the shortest digits that round-trip (from
 * {@link Double#toString}, which is shortest since JDK 19), in positional notation when the decimal exponent is in
 * {@code [-4, 15]} ({@code 100.0}, {@code 0.001}, {@code 1.5}), otherwise scientific with a signed two-digit exponent
 * ({@code 1e+20}, {@code 1.5e-07}); {@code nan}, {@code inf}, {@code -inf}. Stateless.
 */
final class DoubleText
{
    private DoubleText()
    {
    }

    static String format(final double value)
    {
        return format(value, Double.toString(Math.abs(value)));
    }

    static String format(final float value)
    {
        return format(value, Float.toString(Math.abs(value)));
    }

    private static String format(final double value, final String javaText)
    {
        if (Double.isNaN(value))
        {
            return "nan";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        final String sign = (value < 0 || (value == 0 && 1 / value < 0)) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }
        // Split Java's text into significant digits and the position of the decimal point.
        final int e = javaText.indexOf('E');
        final String mantissa = e < 0 ? javaText : javaText.substring(0, e);
        final int exponent = e < 0 ? 0 : Integer.parseInt(javaText.substring(e + 1));
        final int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exponent;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0')
        {
            lead++;
        }
        digits = digits.substring(lead);
        point -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0')
        {
            end--;
        }
        digits = digits.substring(0, end);
        final int x = point - 1;
        final StringBuilder sb = new StringBuilder(sign);
        if (x < -4 || x > 15)
        {
            sb.append(digits.charAt(0));
            if (digits.length() > 1)
            {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(x < 0 ? '-' : '+');
            final int ax = Math.abs(x);
            if (ax < 10)
            {
                sb.append('0');
            }
            return sb.append(ax).toString();
        }
        if (point <= 0)
        {
            sb.append("0.");
            sb.repeat('0', -point);
            return sb.append(digits).toString();
        }
        if (point >= digits.length())
        {
            sb.append(digits);
            sb.repeat('0', point - digits.length());
            return sb.append(".0").toString();
        }
        return sb.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
    }
}
