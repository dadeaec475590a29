using System.Text;

namespace EnforcementApi.Search;

/// <summary>
/// The search language clients write in <c>q</c>, turned into an FTS5 query (SQLite) or a <c>tsquery</c>
/// (PostgreSQL). Words (<c>deportation</c>), prefixes (<c>deport*</c>), phrases in double quotes, <c>AND</c>,
/// <c>OR</c>, <c>NOT</c> and parentheses; words side by side must all match. Every word and phrase is passed to
/// the engine as a quoted string, so no syntax of its own (FTS5's column filters, NEAR, ^; tsquery's <c>!</c>,
/// <c>&lt;-&gt;</c>, weights) reaches it unchecked, and a malformed query is refused here, on both engines alike,
/// with a message that says what is wrong, before the database sees it.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxTerms = 32;

    /// <summary>How deep parentheses may nest: FTS5's parser refuses deep nesting, and no search needs more.</summary>
    public const int MaxDepth = 10;

    enum Kind { Term, And, Or, Not, Open, Close }

    readonly record struct Token(Kind Kind, string Text, bool Prefix = false);

    readonly List<Token> tokens;

    SearchQuery(List<Token> tokens)
    {
        this.tokens = tokens;
        Fts5 = Render(tokens);
    }

    /// <summary>The FTS5 query; also the query's one normal form, which cursors and caches are keyed by on both engines.</summary>
    public string Fts5 { get; }

    /// <summary>The query, or null with the reason it is malformed.</summary>
    public static SearchQuery? Parse(string raw, out string error)
    {
        error = Check(raw) ?? "";
        if (error.Length > 0) return null;

        var tokens = new List<Token>();
        error = Tokenize(raw, tokens) ?? Validate(tokens) ?? "";
        return error.Length > 0 ? null : new SearchQuery(tokens);
    }

    /// <summary>The FTS5 query of <paramref name="raw"/>, or false with the reason it is malformed.</summary>
    public static bool TryParse(string raw, out string match, out string error)
    {
        match = Parse(raw, out error)?.Fts5 ?? "";
        return error.Length == 0;
    }

    static string? Check(string raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return "Must not be empty: give a word, a \"phrase\" or a prefix such as deport*.";
        if (raw.Length > Http.ClientBounds.MaxSearchQueryLength)
            return $"Is {raw.Length} characters long; a query has at most {Http.ClientBounds.MaxSearchQueryLength}.";
        if (raw.Any(char.IsControl))
            return "Contains a control character; send only printable text.";
        return null;
    }

    static string? Tokenize(string raw, List<Token> tokens)
    {
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '(') { tokens.Add(new(Kind.Open, "(")); i++; continue; }
            if (c == ')') { tokens.Add(new(Kind.Close, ")")); i++; continue; }

            if (c == '"')
            {
                var end = raw.IndexOf('"', i + 1);
                if (end < 0) return "Has a double quote that is not closed; close the phrase with a second \".";
                var phrase = raw[(i + 1)..end];
                if (!phrase.Any(char.IsLetterOrDigit))
                    return $"Has a phrase with no letters or digits: \"{phrase}\".";
                i = end + 1;
                var prefix = i < raw.Length && raw[i] == '*';
                if (prefix) i++;
                tokens.Add(new(Kind.Term, phrase, prefix));
                continue;
            }

            var start = i;
            while (i < raw.Length && !char.IsWhiteSpace(raw[i]) && raw[i] is not ('(' or ')' or '"')) i++;
            var word = raw[start..i];
            switch (word)
            {
                case "AND": tokens.Add(new(Kind.And, word)); continue;
                case "OR": tokens.Add(new(Kind.Or, word)); continue;
                case "NOT": tokens.Add(new(Kind.Not, word)); continue;
            }

            var isPrefix = word.EndsWith('*');
            var stem = isPrefix ? word[..^1] : word;
            if (stem.Contains('*'))
                return $"Has '*' inside {Quote(word)}; '*' may only end a word, as in deport*.";
            if (!stem.Any(char.IsLetterOrDigit))
                return isPrefix && stem.Length == 0
                    ? "Has a '*' on its own; '*' must end a word, as in deport*."
                    : $"Has {Quote(word)}, which has no letters or digits to search for.";
            tokens.Add(new(Kind.Term, stem, isPrefix));
        }

        if (tokens.Count(t => t.Kind == Kind.Term) > MaxTerms)
            return $"Has more than {MaxTerms} words and phrases.";
        return null;
    }

    /// <summary>
    /// Checks the shape: an operator stands between two terms (or groups), parentheses pair up and
    /// are not empty.
    /// </summary>
    static string? Validate(List<Token> tokens)
    {
        var depth = 0;
        var expectTerm = true; // at the start, after an operator and after '('
        Token? previousOperator = null;
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case Kind.Term:
                    expectTerm = false;
                    previousOperator = null;
                    break;
                case Kind.Open:
                    if (++depth > MaxDepth) return $"Nests parentheses more than {MaxDepth} deep.";
                    expectTerm = true;
                    previousOperator = null;
                    break;
                case Kind.Close:
                    if (depth == 0) return "Has a ')' without its '('.";
                    if (expectTerm)
                        return previousOperator is { } op
                            ? $"Has {op.Text} with nothing after it; put a word on each side, e.g. deportation {op.Text} removal."
                            : "Has empty parentheses.";
                    depth--;
                    break;
                default:
                    if (expectTerm)
                        return previousOperator is { } before
                            ? $"Has {before.Text} followed by {token.Text}; put a word between them."
                            : $"Has {token.Text} with nothing before it; {token.Text} goes between two words, e.g. deportation {token.Text} removal.";
                    expectTerm = true;
                    previousOperator = token;
                    break;
            }
        }

        if (depth > 0) return "Has a '(' that is not closed.";
        if (previousOperator is { } last)
            return $"Ends with {last.Text}; put a word after it, e.g. deportation {last.Text} removal.";
        return null;
    }

    /// <summary>
    /// The FTS5 query. Terms side by side must all match; FTS5 reads that from plain juxtaposition only
    /// between terms, not next to a group, so every implicit AND is written out.
    /// </summary>
    static string Render(List<Token> tokens)
    {
        var fts = new StringBuilder();
        Token? previous = null;
        foreach (var token in tokens)
        {
            var adjacent = previous is { Kind: Kind.Term or Kind.Close } && token.Kind is Kind.Term or Kind.Open;
            if (adjacent) fts.Append(" AND");
            if (fts.Length > 0 && token.Kind != Kind.Close && fts[^1] != '(') fts.Append(' ');
            fts.Append(token.Kind switch
            {
                Kind.Term => "\"" + token.Text.Replace("\"", "\"\"") + "\"" + (token.Prefix ? " *" : ""),
                _ => token.Text,
            });
            previous = token;
        }
        return fts.ToString();
    }

    static string Quote(string text) => "'" + (text.Length <= 40 ? text : text[..40] + "…") + "'";

    /// <summary>
    /// The text for PostgreSQL's <c>to_tsquery</c>, bound as a parameter. The operators map one for one, because
    /// tsquery ranks them as FTS5 does (NOT, then AND, then OR), and FTS5's NOT is binary: <c>a NOT b</c> is
    /// <c>a &amp; !b</c>. Each term is a quoted lexeme, which to_tsquery splits into words with the configuration's
    /// parser and joins as a phrase (<c>&lt;-&gt;</c>), as FTS5 does a quoted string; a prefix applies to a phrase's
    /// last word only, as in FTS5.
    /// </summary>
    public string ToTsQuery()
    {
        var query = new StringBuilder();
        Token? previous = null;
        foreach (var token in tokens)
        {
            if (previous is { Kind: Kind.Term or Kind.Close } && token.Kind is Kind.Term or Kind.Open) query.Append(" &");
            if (query.Length > 0) query.Append(' ');
            query.Append(token.Kind switch
            {
                Kind.Term => Lexemes(token),
                Kind.And => "&",
                Kind.Or => "|",
                Kind.Not => "& !",
                _ => token.Text,
            });
            previous = token;
        }
        return query.ToString();
    }

    static string Lexemes(Token term)
    {
        // ASCII punctuation is a space between words, as FTS5 reads it and as the index's search_words reads the
        // records (db/postgres/019); non-ASCII punctuation and symbols become spaces in SQL, with search_symbols.
        var text = new string(term.Text.Select(c => c < 128 && !char.IsAsciiLetterOrDigit(c) ? ' ' : c).ToArray());
        if (!term.Prefix) return QuoteLexeme(text);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 1
            ? QuoteLexeme(text.Trim()) + ":*"
            : "(" + QuoteLexeme(string.Join(' ', words[..^1])) + " <-> " + QuoteLexeme(words[^1]) + ":*)";
    }

    /// <summary>A tsquery quoted operand: inside single quotes, a quote is doubled and a backslash escaped.</summary>
    static string QuoteLexeme(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
