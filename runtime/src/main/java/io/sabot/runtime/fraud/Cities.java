package io.sabot.runtime.fraud;

import java.nio.charset.StandardCharsets;

/**
 * Branch cities with their coordinates, and the great-circle distance between two of them.
 */
final class Cities
{
    private static final String[][] TABLE = {
        {"Paris", "FR", "48.8566", "2.3522"}, {"Lyon", "FR", "45.7640", "4.8357"},
        {"Berlin", "DE", "52.5200", "13.4050"}, {"Madrid", "ES", "40.4168", "-3.7038"},
        {"London", "GB", "51.5074", "-0.1278"}, {"New York", "US", "40.7128", "-74.0060"},
        {"Tokyo", "JP", "35.6762", "139.6503"}, {"Sydney", "AU", "-33.8688", "151.2093"},
        {"Sao Paulo", "BR", "-23.5505", "-46.6333"}, {"Toronto", "CA", "43.6532", "-79.3832"}};

    static final int COUNT = TABLE.length;
    static final byte[][] NAMES = new byte[COUNT][];
    static final byte[][] COUNTRIES = new byte[COUNT][];
    private static final double[] LAT = new double[COUNT];
    private static final double[] LON = new double[COUNT];

    static
    {
        for (int i = 0; i < COUNT; i++)
        {
            NAMES[i] = TABLE[i][0].getBytes(StandardCharsets.UTF_8);
            COUNTRIES[i] = TABLE[i][1].getBytes(StandardCharsets.UTF_8);
            LAT[i] = Math.toRadians(Double.parseDouble(TABLE[i][2]));
            LON[i] = Math.toRadians(Double.parseDouble(TABLE[i][3]));
        }
    }

    private Cities()
    {
    }

    /** @param i a city. @return its name. */
    static String name(final int i)
    {
        return TABLE[i][0];
    }

    /** @param a a city. @param b a city. @return the haversine distance in km (Earth radius 6371 km). */
    static double distanceKm(final int a, final int b)
    {
        final double dLat = LAT[b] - LAT[a];
        final double dLon = LON[b] - LON[a];
        final double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
            Math.cos(LAT[a]) * Math.cos(LAT[b]) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * 6371.0 * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }
}
