using System.Globalization;

namespace EnforcementApi.Pages.Charts;

/// <summary>One mark of a chart: its label, its value (null for a gap), the figure it comes from, and its value in words.</summary>
public sealed record ChartPoint(string Label, decimal? Value, string? FigureId, string ValueText);

/// <summary>
/// A value axis from 0 to a round number above the largest value, with four or five round steps between, so
/// a reader can read a bar or point against the grid.
/// </summary>
public sealed class ChartScale
{
    public decimal Max { get; }
    public IReadOnlyList<decimal> Ticks { get; }

    public ChartScale(IEnumerable<decimal> values)
    {
        var largest = values.DefaultIfEmpty(0).Max();
        if (largest <= 0) largest = 1;
        var step = NiceStep(largest / 4);
        Max = Math.Ceiling(largest / step) * step;
        Ticks = Enumerable.Range(0, (int)(Max / step) + 1).Select(i => i * step).ToList();
    }

    /// <summary>Where a value falls, from 0 (the axis) to <paramref name="length"/> (the scale's top).</summary>
    public double Position(decimal value, double length) => (double)(value / Max) * length;

    /// <summary>1, 2, 2.5 or 5 times a power of ten: the step nearest above <paramref name="rough"/>.</summary>
    static decimal NiceStep(decimal rough)
    {
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)rough)));
        foreach (var factor in new[] { 1m, 2m, 2.5m, 5m, 10m })
            if (factor * power >= rough) return factor * power;
        return 10 * power;
    }

    /// <summary>A tick's label: 250,000 as "250k", 1,500,000 as "1.5M", small numbers as they are.</summary>
    public static string Short(decimal value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("#,0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>A coordinate as SVG wants it: invariant, two decimals at most.</summary>
    public static string At(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
