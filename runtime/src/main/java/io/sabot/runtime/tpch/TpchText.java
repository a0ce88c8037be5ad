package io.sabot.runtime.tpch;

import java.nio.charset.StandardCharsets;

/**
 * The TPC-H value lists (specification clause 4.2.2.13 and 4.2.3) and the text writers: comments, v-strings
 * (addresses), phone numbers and zero-padded names, all written as ASCII bytes into a caller's scratch array.
 *
 * <p>Comments: the specification draws comments as substrings of a 300 MB text generated from a grammar of nouns,
 * verbs, adjectives, adverbs, prepositions, auxiliaries and terminators. This generator writes, per value, sentences
 * of the simplified shape {@code [adjective] noun [auxiliary] verb [adverb] [preposition the [adjective] noun]
 * terminator} from the specification's word lists, separated by single spaces, and cuts the text at a length uniform
 * in the column's {@code [min, max]} (so a comment may end inside a word, as dbgen's substrings do).
 *
 * <p>Thread-safety: immutable tables and pure static methods; the scratch array belongs to the caller.
 */
final class TpchText
{
    static final String[] NATIONS = {
        "ALGERIA", "ARGENTINA", "BRAZIL", "CANADA", "EGYPT", "ETHIOPIA", "FRANCE", "GERMANY", "INDIA", "INDONESIA",
        "IRAN", "IRAQ", "JAPAN", "JORDAN", "KENYA", "MOROCCO", "MOZAMBIQUE", "PERU", "CHINA", "ROMANIA",
        "SAUDI ARABIA", "VIETNAM", "RUSSIA", "UNITED KINGDOM", "UNITED STATES"};
    static final int[] NATION_REGION = {0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0, 0, 1, 2, 3, 4, 2, 3, 3, 1};
    static final String[] REGIONS = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};

    static final byte[][] SEGMENTS = bytes("AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD");
    static final byte[][] PRIORITIES = bytes("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW");
    static final byte[][] INSTRUCTIONS = bytes("DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN");
    static final byte[][] MODES = bytes("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB");
    static final byte[][] TYPE_1 = bytes("STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO");
    static final byte[][] TYPE_2 = bytes("ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED");
    static final byte[][] TYPE_3 = bytes("TIN", "NICKEL", "BRASS", "STEEL", "COPPER");
    static final byte[][] CONTAINER_1 = bytes("SM", "LG", "MED", "JUMBO", "WRAP");
    static final byte[][] CONTAINER_2 = bytes("CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM");
    static final byte[][] COLORS = bytes(
        "almond", "antique", "aquamarine", "azure", "beige", "bisque", "black", "blanched", "blue", "blush", "brown",
        "burlywood", "burnished", "chartreuse", "chiffon", "chocolate", "coral", "cornflower", "cornsilk", "cream",
        "cyan", "dark", "deep", "dim", "dodger", "drab", "firebrick", "floral", "forest", "frosted", "gainsboro",
        "ghost", "goldenrod", "green", "grey", "honeydew", "hot", "indian", "ivory", "khaki", "lace", "lavender",
        "lawn", "lemon", "light", "lime", "linen", "magenta", "maroon", "medium", "metallic", "midnight", "mint",
        "misty", "moccasin", "navajo", "navy", "olive", "orange", "orchid", "pale", "papaya", "peach", "peru", "pink",
        "plum", "powder", "puff", "purple", "red", "rose", "rosy", "royal", "saddle", "salmon", "sandy", "seashell",
        "sienna", "sky", "slate", "smoke", "snow", "spring", "steel", "tan", "thistle", "tomato", "turquoise",
        "violet", "wheat", "white", "yellow");

    private static final byte[][] NOUNS = bytes(
        "foxes", "ideas", "theodolites", "pinto beans", "instructions", "dependencies", "excuses", "platelets",
        "asymptotes", "courts", "dolphins", "multipliers", "sauternes", "warthogs", "frets", "dinos", "attainments",
        "somas", "Tiresias'", "patterns", "forges", "braids", "hockey players", "frays", "warhorses", "dugouts",
        "notornis", "epitaphs", "pearls", "tithes", "waters", "orbits", "gifts", "sheaves", "depths", "sentiments",
        "decoys", "realms", "pains", "grouches", "escapades", "packages", "requests", "accounts", "deposits");
    private static final byte[][] VERBS = bytes(
        "sleep", "wake", "are", "cajole", "haggle", "nag", "use", "boost", "affix", "detect", "integrate", "maintain",
        "nod", "was", "lose", "sublate", "solve", "thrash", "promise", "engage", "hinder", "print", "x-ray", "breach",
        "eat", "grow", "impress", "mold", "poach", "serve", "run", "dazzle", "snooze", "doze", "unwind", "kindle",
        "play", "hang", "believe", "doubt");
    private static final byte[][] ADJECTIVES = bytes(
        "furious", "sly", "careful", "blithe", "quick", "fluffy", "slow", "quiet", "ruthless", "thin", "close",
        "dogged", "daring", "brave", "stealthy", "permanent", "enticing", "idle", "busy", "regular", "final",
        "ironic", "even", "bold", "silent", "special", "pending", "express", "unusual");
    private static final byte[][] ADVERBS = bytes(
        "sometimes", "always", "never", "furiously", "slyly", "carefully", "blithely", "quickly", "fluffily",
        "slowly", "quietly", "ruthlessly", "thinly", "closely", "doggedly", "daringly", "bravely", "stealthily",
        "permanently", "enticingly", "idly", "busily", "regularly", "finally", "ironically", "evenly", "boldly",
        "silently");
    private static final byte[][] PREPOSITIONS = bytes(
        "about", "above", "according to", "across", "after", "against", "along", "alongside of", "among", "around",
        "at", "atop", "before", "behind", "beneath", "beside", "besides", "between", "beyond", "by", "despite",
        "during", "except", "for", "from", "in place of", "inside", "instead of", "into", "near", "of", "on",
        "outside", "over", "past", "since", "through", "throughout", "to", "toward", "under", "until", "up", "upon",
        "without", "with", "within");
    private static final byte[][] AUXILIARIES = bytes(
        "do", "may", "might", "shall", "will", "would", "can", "could", "should", "ought to", "must",
        "will have to", "shall have to", "could have to", "should have to", "must have to", "need to", "try to");
    private static final byte[][] TERMINATORS = bytes(".", ";", ":", "?", "!", "--");
    private static final byte[] THE = bytes("the")[0];
    private static final byte[] ALPHABET =
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,.".getBytes(StandardCharsets.US_ASCII);

    private TpchText()
    {
    }

    /**
     * Writes a comment of length uniform in {@code [min, max]}.
     *
     * @return the length written into {@code out} (which must hold {@code max + 40} bytes).
     */
    static int comment(final TpchRandom.Sequence rnd, final int min, final int max, final byte[] out)
    {
        final int length = rnd.nextInt(min, max);
        int pos = 0;
        while (pos < length)
        {
            pos = sentence(rnd, out, pos, length);
        }
        return length;
    }

    private static int sentence(final TpchRandom.Sequence rnd, final byte[] out, final int start, final int limit)
    {
        final long shape = rnd.next();
        int pos = start;
        if ((shape & 1) != 0)
        {
            pos = word(out, pos, limit, pick(rnd, ADJECTIVES));
        }
        pos = word(out, pos, limit, pick(rnd, NOUNS));
        if ((shape & 2) != 0 && (shape & 4) != 0)
        {
            pos = word(out, pos, limit, pick(rnd, AUXILIARIES));
        }
        pos = word(out, pos, limit, pick(rnd, VERBS));
        if ((shape & 8) != 0)
        {
            pos = word(out, pos, limit, pick(rnd, ADVERBS));
        }
        if ((shape & 16) != 0)
        {
            pos = word(out, pos, limit, pick(rnd, PREPOSITIONS));
            pos = word(out, pos, limit, THE);
            if ((shape & 32) != 0)
            {
                pos = word(out, pos, limit, pick(rnd, ADJECTIVES));
            }
            pos = word(out, pos, limit, pick(rnd, NOUNS));
        }
        final byte[] terminator = pick(rnd, TERMINATORS);
        // The terminator sticks to the last word.
        final int n = Math.min(terminator.length, Math.max(0, limit - pos));
        System.arraycopy(terminator, 0, out, pos, n);
        return pos + n;
    }

    private static int word(final byte[] out, final int pos, final int limit, final byte[] word)
    {
        if (pos >= limit)
        {
            return pos;
        }
        int p = pos;
        if (p > 0)
        {
            out[p++] = ' ';
        }
        final int n = Math.min(word.length, Math.max(0, limit - p));
        System.arraycopy(word, 0, out, p, n);
        return p + n;
    }

    private static byte[] pick(final TpchRandom.Sequence rnd, final byte[][] words)
    {
        return words[rnd.nextInt(0, words.length - 1)];
    }

    /**
     * Writes a v-string (4.2.2.7): random characters of a 64-symbol alphabet, length uniform in {@code [min, max]}.
     *
     * @return the length written.
     */
    static int vstring(final TpchRandom.Sequence rnd, final int min, final int max, final byte[] out)
    {
        final int length = rnd.nextInt(min, max);
        long bits = 0;
        for (int i = 0; i < length; i++)
        {
            if (i % 10 == 0)
            {
                bits = rnd.next();
            }
            out[i] = ALPHABET[(int) (bits & 63)];
            bits >>>= 6;
        }
        return length;
    }

    /**
     * Writes a phone number (4.2.2.9): {@code CC-LLL-LLL-LLLL} with country code {@code nationkey + 10}.
     *
     * @return 15, the length written.
     */
    static int phone(final TpchRandom.Sequence rnd, final int nationKey, final byte[] out)
    {
        int pos = digits(out, 0, nationKey + 10, 2);
        out[pos++] = '-';
        pos = digits(out, pos, rnd.nextInt(100, 999), 3);
        out[pos++] = '-';
        pos = digits(out, pos, rnd.nextInt(100, 999), 3);
        out[pos++] = '-';
        return digits(out, pos, rnd.nextInt(1000, 9999), 4);
    }

    /**
     * Writes {@code prefix} and {@code value} zero-padded to {@code width} digits ({@code Customer#000000042}).
     *
     * @return the length written.
     */
    static int padded(final byte[] prefix, final long value, final int width, final byte[] out)
    {
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int w = 1;
        for (long v = value / 10; v > 0; v /= 10)
        {
            w++;
        }
        return digits(out, prefix.length, value, Math.max(width, w));
    }

    /**
     * Writes {@code value} as exactly {@code width} decimal digits at {@code pos}.
     *
     * @return the position after the digits.
     */
    static int digits(final byte[] out, final int pos, final long value, final int width)
    {
        long v = value;
        for (int i = pos + width - 1; i >= pos; i--)
        {
            out[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return pos + width;
    }

    /**
     * Appends {@code word} at {@code pos}.
     *
     * @return the position after it.
     */
    static int put(final byte[] out, final int pos, final byte[] word)
    {
        System.arraycopy(word, 0, out, pos, word.length);
        return pos + word.length;
    }

    static byte[][] bytes(final String... words)
    {
        final byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++)
        {
            out[i] = words[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
