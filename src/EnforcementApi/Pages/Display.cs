using System.Globalization;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Figures;
using EnforcementApi.Json;

namespace EnforcementApi.Pages;

/// <summary>How the pages write values for people: numbers with separators, qualifiers and units in words, periods, dates.</summary>
internal static class Display
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Number(decimal value) => value.ToString("#,0.##", Invariant);

    public static string Number(double value) => ((decimal)value).ToString("#,0.#", Invariant);

    /// <summary>"more than 158,000 people", "3,000 people per day".</summary>
    public static string Value(decimal value, ValueQualifier qualifier, FigureUnit unit) =>
        Qualifier(qualifier) + Number(value) + " " + Unit(unit);

    public static string Qualifier(ValueQualifier qualifier) => qualifier switch
    {
        ValueQualifier.Approximately => "about ",
        ValueQualifier.AtLeast => "at least ",
        ValueQualifier.MoreThan => "more than ",
        ValueQualifier.LessThan => "less than ",
        ValueQualifier.UpTo => "up to ",
        _ => "",
    };

    public static string Unit(FigureUnit unit) => unit switch
    {
        FigureUnit.PeoplePerDay => "people per day",
        FigureUnit.PeoplePerMonth => "people per month",
        FigureUnit.PeoplePerYear => "people per year",
        FigureUnit.Percent => "percent",
        FigureUnit.People => "people",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "A unit the pages have no words for."),
    };

    /// <summary>An enum's wire name in words: <c>more_than</c> → "more than".</summary>
    public static string Words<T>(T value) where T : struct, Enum => Wire<T>.Name(value).Replace('_', ' ');

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", Invariant) ?? "unknown";

    public static string Date(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    /// <summary>"FY2024 (2023-10-01 to 2024-09-30)", or the dates alone, or "no period".</summary>
    public static string Period(string? label, DateOnly? start, DateOnly? end)
    {
        var dates = start is null && end is null ? null : start == end ? Date(start) : $"{Date(start)} to {Date(end)}";
        return (label, dates) switch
        {
            (null, null) => "no period",
            (null, _) => dates!,
            (_, null) => label,
            // A label that is only the dates again says nothing more.
            _ when label == dates || label.Replace(" to ", "–") == dates.Replace(" to ", "–") => dates,
            _ => $"{label} ({dates})",
        };
    }

    public static string Period(Figure figure) => Period(figure.PeriodLabel, figure.PeriodStart, figure.PeriodEnd);

    /// <summary>Where an excerpt stands in its source, in words: "page 4, paragraph 2"; null when unknown.</summary>
    public static string? Location(CitationLocation location)
    {
        var parts = new List<string>();
        if (location.Page is { } page) parts.Add("page " + page.ToString(Invariant));
        if (location.Paragraph is { } paragraph) parts.Add("paragraph " + paragraph.ToString(Invariant));
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    /// <summary>The page a record of this kind has here, if it has one; else its API URL.</summary>
    public static string PageOf(RecordType type, string id) => RecordKinds.Of(type).PageOf(id);

    /// <summary>The id of the place on a source's page where one record's excerpt from it stands.</summary>
    public static string CitationAnchor(string recordType, string recordId, int n) =>
        "cite-" + recordType + "-" + recordId + "-" + n.ToString(Invariant);
}
