package io.sabot.jit.expr;

import io.sabot.jit.udf.Udf;
import io.sabot.simd.CompareOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads the text form of an {@link Expr}: the canonical form {@link ExprPrinter} writes (so that
 * {@code parse(print(e))} equals {@code e} for every tree), plus lenient input a person would type.
 *
 * <pre>
 *   expr        := or
 *   or          := and ('or' and)*
 *   and         := not ('and' not)*
 *   not         := 'not' not | comparison
 *   comparison  := additive (('=' | '==' | '!=' | '&lt;&gt;' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') additive
 *                  | 'between' additive 'and' additive)*      (a between x and y: (a &gt;= x) and (a &lt;= y))
 *   additive    := multiplicative (('+' | '-') multiplicative)*
 *   multiplicative := unary (('*' | '/' | '%') unary)*
 *   unary       := '-' number | '-' unary | '+' unary | primary
 *   primary     := literal | column | '(' expr ')' | case | call | '@' udfName '(' args ')'
 *   literal     := true | false | null '::' type | number | 'text'    (number: 42  42L  1.5f  1.5  1e3  NaN  Infinity
 *                  NaNf  Infinityf; a '-' directly before a number makes a negative literal, not a negation)
 *                  | date 'yyyy-mm-dd' | decimal '-12.50'
 *   type        := boolean | int32 | int64 | float32 | float64 | utf8 | date | decimal ['(' p ',' s ')']
 *   column      := identifier that is not a keyword | "quoted name"
 *   case        := 'case' ('when' expr 'then' expr)+ ['else' expr] 'end'
 *   call        := cast(expr as type) | neg(a) | is_null(a) | is_not_null(a) | if(c, a, b) | coalesce(a, ...)
 *                  | abs | sqrt | exp | log | floor | ceil | pow | min | max | equals | starts_with | ends_with
 *                  | contains | length
 * </pre>
 *
 * <p>Whitespace between tokens is optional. Keywords, function names, type names and the float specials are read
 * case-insensitively; column names (bare or quoted) and UDF names are case-sensitive. {@code -x} on anything but a
 * number literal is {@link Expr.Negate}; {@code is_not_null(a)} reads as {@code (not is_null(a))}. An INT32 literal
 * out of range is an error (write {@code L} for INT64). Nesting (parentheses, calls, prefix operators) deeper than
 * 256 levels is an error; long chains such as {@code a + b + c + ...} do not nest. Errors are
 * {@link ExprParseException}s with the position.
 *
 * <p>Thread-safety: the static methods are safe to call from any thread; an instance is private to one call.
 */
public final class ExprParser
{
    private enum Token
    {
        IDENT, QUOTED, STRING, NUMBER, SYMBOL, EOF
    }

    /** Deeper nesting is an error rather than a StackOverflowError. */
    static final int MAX_NESTING = 256;

    private static final String TYPE_NAMES =
        "a type name (boolean, int32, int64, float32, float64, utf8, date, decimal(p, s))";

    private final String text;
    private final Map<String, Udf> udfs;

    private int pos;
    private int nesting;
    private Token token;
    private int tokenStart;
    private String tokenValue;

    private ExprParser(final String text, final Map<String, Udf> udfs)
    {
        this.text = text;
        this.udfs = udfs;
    }

    /**
     * Parses an expression that calls no UDF.
     *
     * @param text the text form.
     * @return the expression.
     * @throws ExprParseException if the text does not follow the grammar.
     */
    public static Expr parse(final String text)
    {
        return parse(text, Map.of());
    }

    /**
     * Parses an expression; {@code @name(...)} calls the UDF registered under {@code name}.
     *
     * @param text the text form.
     * @param udfs UDFs by {@link Udf#name()}; not copied, read only during the call.
     * @return the expression.
     * @throws ExprParseException if the text does not follow the grammar or names an unknown UDF.
     */
    public static Expr parse(final String text, final Map<String, Udf> udfs)
    {
        final ExprParser parser = new ExprParser(text, udfs);
        try
        {
            parser.next();
            final Expr expr = parser.parseOr();
            if (parser.token != Token.EOF)
            {
                throw parser.error("an operator or end of input");
            }
            return expr;
        }
        catch (final StackOverflowError e)
        {
            // Only on a thread with a very small stack: the nesting limit normally stops first. Parsing has no
            // shared state, so nothing is left half-done.
            throw parser.error("less deeply nested input (the parser ran out of stack)");
        }
    }

    // ---- grammar -----------------------------------------------------------------------------------------------

    private Expr parseOr()
    {
        enter();
        Expr left = parseAnd();
        while (isKeyword("or"))
        {
            next();
            left = new Expr.Or(left, parseAnd());
        }
        nesting--;
        return left;
    }

    private void enter()
    {
        if (++nesting > MAX_NESTING)
        {
            throw error("at most " + MAX_NESTING + " levels of nesting");
        }
    }

    private Expr parseAnd()
    {
        Expr left = parseNot();
        while (isKeyword("and"))
        {
            next();
            left = new Expr.And(left, parseNot());
        }
        return left;
    }

    private Expr parseNot()
    {
        if (isKeyword("not"))
        {
            next();
            enter();
            final Expr arg = parseNot();
            nesting--;
            return new Expr.Not(arg);
        }
        return parseComparison();
    }

    private Expr parseComparison()
    {
        Expr left = parseAdditive();
        while (true)
        {
            if (isKeyword("between"))
            {
                // a between x and y reads as (a >= x) and (a <= y); the IR has no between node
                next();
                final Expr low = parseAdditive();
                expectKeyword("and");
                left = left.between(low, parseAdditive());
                continue;
            }
            final CompareOp op = compareOp();
            if (op == null)
            {
                return left;
            }
            next();
            left = new Expr.Compare(op, left, parseAdditive());
        }
    }

    private CompareOp compareOp()
    {
        if (token != Token.SYMBOL)
        {
            return null;
        }
        return switch (tokenValue)
        {
            case "=", "==" -> CompareOp.EQ;
            case "!=", "<>" -> CompareOp.NE;
            case "<" -> CompareOp.LT;
            case "<=" -> CompareOp.LE;
            case ">" -> CompareOp.GT;
            case ">=" -> CompareOp.GE;
            default -> null;
        };
    }

    private Expr parseAdditive()
    {
        Expr left = parseMultiplicative();
        while (true)
        {
            final ArithOp op = isSymbol("+") ? ArithOp.ADD : isSymbol("-") ? ArithOp.SUB : null;
            if (op == null)
            {
                return left;
            }
            next();
            left = new Expr.Arith(op, left, parseMultiplicative());
        }
    }

    private Expr parseMultiplicative()
    {
        Expr left = parseUnary();
        while (true)
        {
            final ArithOp op = isSymbol("*") ? ArithOp.MUL : isSymbol("/") ? ArithOp.DIV :
                isSymbol("%") ? ArithOp.MOD : null;
            if (op == null)
            {
                return left;
            }
            next();
            left = new Expr.Arith(op, left, parseUnary());
        }
    }

    private Expr parseUnary()
    {
        if (isSymbol("-"))
        {
            next();
            if (token == Token.NUMBER)
            {
                final Expr literal = number(tokenValue, true, tokenStart);
                next();
                return literal;
            }
            if (token == Token.IDENT && isFloatSpecial(lower()))
            {
                final Expr literal = floatSpecial(lower(), true);
                next();
                return literal;
            }
            enter();
            final Expr arg = parseUnary();
            nesting--;
            return new Expr.Negate(arg);
        }
        if (isSymbol("+"))
        {
            next();
            enter();
            final Expr arg = parseUnary();
            nesting--;
            return arg;
        }
        return parsePrimary();
    }

    private Expr parsePrimary()
    {
        final int start = tokenStart;
        switch (token)
        {
            case NUMBER ->
            {
                final Expr literal = number(tokenValue, false, start);
                next();
                return literal;
            }
            case STRING ->
            {
                final Expr literal = new Expr.Literal(DataType.UTF8, tokenValue);
                next();
                return literal;
            }
            case QUOTED ->
            {
                final Expr column = new Expr.Column(tokenValue);
                next();
                return column;
            }
            case SYMBOL ->
            {
                if (isSymbol("("))
                {
                    next();
                    final Expr inner = parseOr();
                    expectSymbol(")");
                    return inner;
                }
                if (isSymbol("@"))
                {
                    return udfCall();
                }
                throw error("an expression");
            }
            case IDENT ->
            {
                return identifier();
            }
            default -> throw error("an expression");
        }
    }

    private Expr identifier()
    {
        final int start = tokenStart;
        final String name = tokenValue;
        final String lower = lower();
        if (isFloatSpecial(lower))
        {
            next();
            return floatSpecial(lower, false);
        }
        switch (lower)
        {
            case "true", "false" ->
            {
                next();
                return new Expr.Literal(DataType.BOOLEAN, lower.equals("true"));
            }
            case "null" ->
            {
                next();
                if (!isSymbol("::"))
                {
                    throw error("'::' and a type after null (e.g. null::int32)");
                }
                next();
                final ValueType type = typeName();
                return new Expr.Literal(type.type(), null);
            }
            case "date", "decimal" ->
            {
                if (isTypedLiteral())
                {
                    return typedLiteral(lower);
                }
            }
            case "case" ->
            {
                return caseExpr();
            }
            default ->
            {
            }
        }
        if (peekChar() == '(' && ExprPrinter.isFunctionName(lower))
        {
            next();
            return call(lower, name, start);
        }
        if (ExprPrinter.KEYWORDS.contains(lower))
        {
            throw error("an expression");
        }
        if (peekChar() == '(')
        {
            throw new ExprParseException(text, start, "a known function", "'" + name + "'");
        }
        next();
        return new Expr.Column(name);
    }

    private Expr caseExpr()
    {
        next();
        final List<Expr.When> whens = new ArrayList<>();
        do
        {
            expectKeyword("when");
            final Expr condition = parseOr();
            expectKeyword("then");
            whens.add(new Expr.When(condition, parseOr()));
        }
        while (isKeyword("when"));
        Expr otherwise = null;
        if (isKeyword("else"))
        {
            next();
            otherwise = parseOr();
        }
        expectKeyword("end");
        return new Expr.Case(whens, otherwise);
    }

    private Expr call(final String lower, final String name, final int start)
    {
        expectSymbol("(");
        if (lower.equals("cast"))
        {
            final Expr arg = parseOr();
            expectKeyword("as");
            final ValueType type = typeName();
            expectSymbol(")");
            return new Expr.Cast(arg, type.type(), type.precision(), type.scale());
        }
        final List<Expr> args = arguments();
        final MathFn fn = MathFn.byName(lower);
        final StringOp op = StringOp.byName(lower);
        final int arity = fn != null ? fn.arity() : op != null ? 2 : switch (lower)
        {
            case "if" -> 3;
            case "coalesce" -> -1;
            default -> 1;
        };
        if (arity < 0 ? args.isEmpty() : args.size() != arity)
        {
            throw new ExprParseException(text, start, name + " with " + (arity < 0 ? "at least 1" : arity) +
                " argument(s)", args.size() + " argument(s)");
        }
        if (fn != null)
        {
            return new Expr.MathCall(fn, args);
        }
        if (op != null)
        {
            return new Expr.StringPredicate(op, args.get(0), args.get(1));
        }
        return switch (lower)
        {
            case "neg" -> new Expr.Negate(args.get(0));
            case "is_null" -> new Expr.IsNull(args.get(0));
            case "is_not_null" -> new Expr.Not(new Expr.IsNull(args.get(0)));
            case "if" -> new Expr.If(args.get(0), args.get(1), args.get(2));
            case "coalesce" -> new Expr.Coalesce(args);
            case "length" -> new Expr.Length(args.get(0));
            default -> throw new IllegalStateException("function without a case: " + lower);
        };
    }

    private Expr udfCall()
    {
        final int start = tokenStart;
        next();
        if (token != Token.IDENT || tokenStart != start + 1)
        {
            throw error("a udf name directly after '@'");
        }
        final String name = tokenValue;
        final Udf udf = udfs.get(name);
        if (udf == null)
        {
            throw new ExprParseException(text, start, "a known udf " + new TreeSet<>(udfs.keySet()),
                "'@" + name + "'");
        }
        next();
        expectSymbol("(");
        final List<Expr> args = arguments();
        final int arity = udf.parameterTypes().size();
        if (args.size() != arity)
        {
            throw new ExprParseException(text, start, "@" + name + " with " + arity + " argument(s)",
                args.size() + " argument(s)");
        }
        return new Expr.UdfCall(udf, args);
    }

    /** Reads {@code a, b, ...)} after the opening parenthesis. */
    private List<Expr> arguments()
    {
        final List<Expr> args = new ArrayList<>();
        if (isSymbol(")"))
        {
            next();
            return args;
        }
        args.add(parseOr());
        while (isSymbol(","))
        {
            next();
            args.add(parseOr());
        }
        expectSymbol(")");
        return args;
    }

    private ValueType typeName()
    {
        final DataType type = token == Token.IDENT ? DataType.byName(lower()) : null;
        if (type == null)
        {
            throw error(TYPE_NAMES);
        }
        next();
        if (type != DataType.DECIMAL || !isSymbol("("))
        {
            return ValueType.of(type);
        }
        next();
        final int precisionAt = tokenStart;
        final int precision = smallInt();
        expectSymbol(",");
        final int scale = smallInt();
        expectSymbol(")");
        if (precision < 1 || precision > ValueType.MAX_PRECISION || scale > precision)
        {
            throw new ExprParseException(text, precisionAt, "decimal(p, s) with 1 <= p <= 38 and s <= p",
                "decimal(" + precision + ", " + scale + ")");
        }
        return ValueType.decimal(precision, scale);
    }

    private int smallInt()
    {
        if (token != Token.NUMBER || tokenValue.length() > 3 || !tokenValue.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            throw error("a number of digits");
        }
        final int v = Integer.parseInt(tokenValue);
        next();
        return v;
    }

    /** Whether the current identifier ({@code date} or {@code decimal}) is directly followed by a quoted literal. */
    private boolean isTypedLiteral()
    {
        return peekChar() == '\'';
    }

    /** Reads {@code date '1994-01-01'} or {@code decimal '0.05'}; a bad value is an error at the quoted text. */
    private Expr typedLiteral(final String lower)
    {
        next();
        final int start = tokenStart;
        final String value = tokenValue;
        next();
        try
        {
            return lower.equals("date") ? Exprs.date(java.time.LocalDate.parse(value)) :
                Exprs.decimal(new java.math.BigDecimal(value));
        }
        catch (final java.time.format.DateTimeParseException | NumberFormatException e)
        {
            throw new ExprParseException(text, start, lower.equals("date") ? "a date as 'yyyy-mm-dd'" :
                "a decimal number such as '0.05'", "'" + value + "'");
        }
    }

    // ---- literals ----------------------------------------------------------------------------------------------

    private static boolean isFloatSpecial(final String lower)
    {
        return lower.equals("nan") || lower.equals("infinity") || lower.equals("nanf") || lower.equals("infinityf");
    }

    private static Expr floatSpecial(final String lower, final boolean negative)
    {
        return switch (lower)
        {
            case "nan" -> new Expr.Literal(DataType.FLOAT64, Double.NaN);
            case "nanf" -> new Expr.Literal(DataType.FLOAT32, Float.NaN);
            case "infinity" -> new Expr.Literal(DataType.FLOAT64,
                negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            default -> new Expr.Literal(DataType.FLOAT32,
                negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        };
    }

    private Expr number(final String lexeme, final boolean negative, final int start)
    {
        final char last = lexeme.charAt(lexeme.length() - 1);
        final boolean suffixed = "lLfFdD".indexOf(last) >= 0;
        final String body = (negative ? "-" : "") + (suffixed ? lexeme.substring(0, lexeme.length() - 1) : lexeme);
        final boolean floatSyntax = body.indexOf('.') >= 0 || body.indexOf('e') >= 0 || body.indexOf('E') >= 0;
        final String shown = "'" + (negative ? "-" : "") + lexeme + "'";
        final char suffix = suffixed ? Character.toLowerCase(last) : ' ';
        try
        {
            switch (suffix)
            {
                case 'l' ->
                {
                    if (floatSyntax)
                    {
                        throw new ExprParseException(text, start, "an integer before L", shown);
                    }
                    return new Expr.Literal(DataType.INT64, Long.parseLong(body));
                }
                case 'f' ->
                {
                    return new Expr.Literal(DataType.FLOAT32, Float.parseFloat(body));
                }
                case 'd' ->
                {
                    return new Expr.Literal(DataType.FLOAT64, Double.parseDouble(body));
                }
                default ->
                {
                    if (floatSyntax)
                    {
                        return new Expr.Literal(DataType.FLOAT64, Double.parseDouble(body));
                    }
                    return new Expr.Literal(DataType.INT32, Integer.parseInt(body));
                }
            }
        }
        catch (final NumberFormatException e)
        {
            throw new ExprParseException(text, start, suffix == 'l' ? "an int64 literal in range" :
                "an int32 literal in range (write L for int64)", shown);
        }
    }

    // ---- tokens ------------------------------------------------------------------------------------------------

    private boolean isSymbol(final String symbol)
    {
        return token == Token.SYMBOL && tokenValue.equals(symbol);
    }

    private boolean isKeyword(final String keyword)
    {
        return token == Token.IDENT && tokenValue.equalsIgnoreCase(keyword);
    }

    private String lower()
    {
        return tokenValue.toLowerCase(Locale.ROOT);
    }

    private void expectSymbol(final String symbol)
    {
        if (!isSymbol(symbol))
        {
            throw error("'" + symbol + "'");
        }
        next();
    }

    private void expectKeyword(final String keyword)
    {
        if (!isKeyword(keyword))
        {
            throw error("'" + keyword + "'");
        }
        next();
    }

    private ExprParseException error(final String expected)
    {
        final String found = token == Token.EOF ? "end of input" : "'" + text.substring(tokenStart, pos) + "'";
        return new ExprParseException(text, tokenStart, expected, found);
    }

    /** @return the next non-whitespace character after the current token, or 0 at the end. */
    private char peekChar()
    {
        int i = pos;
        while (i < text.length() && Character.isWhitespace(text.charAt(i)))
        {
            i++;
        }
        return i < text.length() ? text.charAt(i) : 0;
    }

    private void next()
    {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos)))
        {
            pos++;
        }
        tokenStart = pos;
        if (pos >= text.length())
        {
            token = Token.EOF;
            tokenValue = "";
            return;
        }
        final char c = text.charAt(pos);
        if (isIdentStart(c))
        {
            while (pos < text.length() && isIdentPart(text.charAt(pos)))
            {
                pos++;
            }
            token = Token.IDENT;
            tokenValue = text.substring(tokenStart, pos);
        }
        else if (isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))))
        {
            lexNumber();
        }
        else if (c == '\'' || c == '"')
        {
            tokenValue = quoted(c);
            token = c == '\'' ? Token.STRING : Token.QUOTED;
        }
        else
        {
            lexSymbol(c);
        }
    }

    private void lexNumber()
    {
        pos = digits(pos);
        if (pos < text.length() && text.charAt(pos) == '.')
        {
            pos = digits(pos + 1);
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E'))
        {
            int i = pos + 1;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-'))
            {
                i++;
            }
            if (i < text.length() && isDigit(text.charAt(i)))
            {
                pos = digits(i);
            }
        }
        if (pos < text.length() && "lLfFdD".indexOf(text.charAt(pos)) >= 0)
        {
            pos++;
        }
        if (pos < text.length() && isIdentPart(text.charAt(pos)))
        {
            int end = pos;
            while (end < text.length() && isIdentPart(text.charAt(end)))
            {
                end++;
            }
            throw new ExprParseException(text, tokenStart, "a number (digits, '.', exponent, suffix L, f or d)",
                "'" + text.substring(tokenStart, end) + "'");
        }
        token = Token.NUMBER;
        tokenValue = text.substring(tokenStart, pos);
    }

    private int digits(final int from)
    {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i)))
        {
            i++;
        }
        return i;
    }

    /** Reads a quoted text or name; a doubled quote stands for one. */
    private String quoted(final char quote)
    {
        final StringBuilder value = new StringBuilder();
        int i = pos + 1;
        while (true)
        {
            if (i >= text.length())
            {
                throw new ExprParseException(text, tokenStart, "a closing " + quote, "end of input");
            }
            final char c = text.charAt(i);
            if (c == quote)
            {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote)
                {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                pos = i + 1;
                return value.toString();
            }
            value.append(c);
            i++;
        }
    }

    private void lexSymbol(final char c)
    {
        final char d = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
        final String two = String.valueOf(new char[] {c, d});
        if (two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("<>") || two.equals("==") ||
            two.equals("::"))
        {
            pos += 2;
        }
        else if ("()+-*/%=<>,@".indexOf(c) >= 0)
        {
            pos++;
        }
        else
        {
            throw new ExprParseException(text, pos, "an operator, literal, name or parenthesis",
                "'" + text.substring(pos, pos + Character.charCount(text.codePointAt(pos))) + "'");
        }
        token = Token.SYMBOL;
        tokenValue = text.substring(tokenStart, pos);
    }

    private static boolean isIdentStart(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentPart(final char c)
    {
        return isIdentStart(c) || isDigit(c);
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }
}
