using EnforcementApi.Http;

namespace EnforcementApi.Querying;

/// <summary>A comparison a filter value can carry, written <c>op:value</c> (<c>value=gte:100000</c>).</summary>
internal enum Op { Eq, Ne, Gt, Gte, Lt, Lte, In }

internal static class Operators
{

    static readonly Dictionary<string, Op> ByName = new(StringComparer.Ordinal)
    {
        ["eq"] = Op.Eq, ["ne"] = Op.Ne, ["gt"] = Op.Gt, ["gte"] = Op.Gte, ["lt"] = Op.Lt, ["lte"] = Op.Lte, ["in"] = Op.In,
    };

    public static readonly Op[] Comparisons = [Op.Eq, Op.Ne, Op.Gt, Op.Gte, Op.Lt, Op.Lte];
    public static readonly Op[] Memberships = [Op.Eq, Op.Ne, Op.In];

    public static string Name(Op op) => op.ToString().ToLowerInvariant();

    public static string Sql(Op op) => op switch
    {
        Op.Eq => "=", Op.Ne => "<>", Op.Gt => ">", Op.Gte => ">=", Op.Lt => "<", Op.Lte => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>
    /// Splits <c>op:value</c>; a value without an operator is <c>eq</c>. None of the values these filters
    /// take contains a colon, so a colon always means an operator.
    /// </summary>
    public static bool TryParse(string raw, IReadOnlyCollection<Op> allowed, out Op op, out string value, out string? error)
    {
        op = Op.Eq;
        value = raw;
        error = null;
        var colon = raw.IndexOf(':');
        if (colon < 0) return true;

        var name = raw[..colon];
        value = raw[(colon + 1)..];
        var allowedText = string.Join(", ", allowed.Select(Name));
        if (!ByName.TryGetValue(name, out op))
            error = $"Has an unknown operator {QueryErrors.Quote(name)}; write op:value with op one of {allowedText}, or the value alone for eq.";
        else if (!allowed.Contains(op))
            error = $"Cannot take the operator {Name(op)}; its operators are {allowedText}.";
        return error is null;
    }

    /// <summary>The values of <c>in:a,b,c</c>: at least one, none empty, at most <see cref="ClientBounds.MaxInValues"/>.</summary>
    public static bool TrySplit(string list, out string[] values, out string? error)
    {
        values = list.Split(',');
        error = values.Any(v => v.Length == 0)
            ? "Lists its in: values with an empty one; separate values by single commas, e.g. in:a,b."
            : values.Length > ClientBounds.MaxInValues
                ? $"Lists {values.Length} values for in:; at most {ClientBounds.MaxInValues} are allowed."
                : null;
        return error is null;
    }
}
