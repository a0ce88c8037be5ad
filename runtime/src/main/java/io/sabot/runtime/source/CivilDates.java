package io.sabot.runtime.source;

/**
 * Proleptic Gregorian calendar arithmetic for text decoders (CSV, JSON) that parse dates without
 * {@code java.time} objects. Stateless.
 */
public final class CivilDates
{
    private CivilDates()
    {
    }

    /** @param y a year. @param m a month, 1..12. @return its days. */
    public static int daysInMonth(final int y, final int m)
    {
        return switch (m)
        {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * Howard Hinnant's days_from_civil.
     *
     * @param year a year. @param month 1..12. @param day 1..31.
     * @return days from 1970-01-01.
     */
    public static long epochDay(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = Math.floorDiv(y, 400);
        final int yoe = y - era * 400;
        final int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }
}
