using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Figures;

/// <summary>
/// What a figure's fields are, in one place: the columns a write stores (and every read selects), the write
/// body and how it is read, the row a read gets and the record it becomes, and what the list filters, sorts
/// and counts by. A field is added here (with its migration and its place in <see cref="Figure"/>); the SQL,
/// the export, the page and the contract take it from here, and the tests walk it from the contract.
/// </summary>
internal static class FigureDefinition
{
    /// <summary>The stored columns, named once for the SELECT, the INSERT and the UPDATE.</summary>
    public static readonly Table<FigureInput> Table = new Table<FigureInput>("figures", "f")
        .Text("metric", f => f.Metric)
        .Enum("kind", f => f.Kind)
        .Real("value", f => (double)f.Value)
        .Enum("value_qualifier", f => f.ValueQualifier)
        .Enum("unit", f => f.Unit)
        .Date("period_start", f => f.PeriodStart)
        .Date("period_end", f => f.PeriodEnd)
        .Text("period_label", f => f.PeriodLabel)
        .Text("scope", f => f.Scope)
        .Text("dimension", f => f.Breakdown?.Dimension)
        .Text("dimension_value", f => f.Breakdown?.Value)
        .Text("reported_by", f => f.ReportedBy.Id)
        .Text("counted_by", f => f.CountedBy?.Id)
        .Text("stated_as", f => f.StatedAs)
        .Enum("rank", f => f.Rank)
        .Text("rank_note", f => f.RankNote);

    /// <summary>A figure's columns with what it shows of the records it refers to: the reporter's kind and name, the breakdown's label.</summary>
    public static readonly string Select = "select " + Table.Select + """
        , dv.label as dimension_label, e.kind as reported_by_kind, e.name as reported_by_name,
          ce.kind as counted_by_kind, ce.name as counted_by_name
        """;

    // A left join keeps the listed table first in SQLite's plan: its index gives the order and the page
    // stops after limit rows. (With statistics, SQLite may otherwise start from the smaller entities table
    // and sort every record.) The reference is not null and must exist, so it finds what an inner join
    // would; and it is one spelling for both engines (SQLite's other hint, CROSS JOIN … ON, PostgreSQL refuses).
    public const string Joins = """
        left join entities e on e.id = f.reported_by
        left join dimension_values dv on dv.dimension_id = f.dimension and dv.value = f.dimension_value
        left join entities ce on ce.id = f.counted_by
        """;

    public const string From = "from figures f\n" + Joins;

    public static readonly string SelectFrom = Select + "\n" + From;

    public const string PeriodStartSql = "coalesce(f.period_start, '')";
    public const string PeriodEndSql = "coalesce(f.period_end, '')";

    public static readonly ListDefinition<FigureRow> List = new()
    {
        Resource = "figures",
        Select = Select,
        From = "from figures f",
        Joins = Joins,
        IdSql = "f.id",
        IdIndex = "sqlite_autoindex_figures_1",
        Id = r => r.Id,
        DefaultSort = "-periodEnd",
        RecordType = typeof(Figure),
        Sorts =
        [
            new SortField<FigureRow>("periodEnd", PeriodEndSql, SortKind.Text, r => Dates.Key(r.PeriodEnd), "figures_period_end"),
            new SortField<FigureRow>("periodStart", PeriodStartSql, SortKind.Text, r => Dates.Key(r.PeriodStart), "figures_period_start"),
            new SortField<FigureRow>("value", "f.value", SortKind.Number, r => r.Value, "figures_value"),
        ],
        Facets =
        [
            new Facet("metric", "f.metric", "(select m.label from metrics m where m.id = f.metric)"),
            new Facet("kind", "f.kind"),
            new Facet("rank", "f.rank"),
            new Facet("reportedBy", "f.reported_by", "(select e.name from entities e where e.id = f.reported_by)"),
            new Facet("countedBy", "f.counted_by", "(select e.name from entities e where e.id = f.counted_by)"),
            new Facet("source", "fc.source_id", "(select s.title from sources s where s.id = fc.source_id)",
                "join citations fc on fc.record_type = 'figure' and fc.record_id = f.id", "count(distinct f.id)"),
            new Facet("dimension", "f.dimension", "(select d.name from dimensions d where d.id = f.dimension)"),
            // The label is of the value within its figure's dimension, read in the group (PostgreSQL allows no bare columns).
            new Facet("dimensionValue", "f.dimension_value",
                "min((select v.label from dimension_values v where v.dimension_id = f.dimension and v.value = f.dimension_value))"),
        ],
        Filters =
        [
            Filter.FullText("f.id", "figure").Indexed(Filter.ById),
            Filter.Reference("metric", Reference.Metric, new Match("f.metric")).Indexed("figures_metric", "periodEnd"),
            Filter.Enum<FigureKind>("kind", "f.kind").Indexed("figures_kind", "periodEnd"),
            Filter.Enum<FigureRank>("rank", "f.rank").Indexed("figures_rank", "periodEnd"),
            Filter.Reference("reportedBy", Reference.Entity, new Match("f.reported_by")).Indexed("figures_reported_by", "periodEnd"),
            Filter.Reference("countedBy", Reference.Entity, new Match("f.counted_by"), noneSql: "f.counted_by").Indexed("figures_counted_by", "periodEnd"),
            Filter.Reference("dimension", Reference.Dimension, new Match("f.dimension"), noneSql: "f.dimension").Indexed("figures_dimension"),
            Filter.Reference("dimensionValue", Reference.DimensionValue, new Match("f.dimension_value")).Indexed("figures_dimension_value", "periodEnd"),
            Filter.Reference("source", Reference.Source,
                new Match("f.id", "select c.record_id from citations c where c.record_type = 'figure' and c.source_id")).Indexed(Filter.ById),
            Filter.Text("scope", "f.scope", 100).Indexed("figures_scope"),
            Filter.Compare("value", SortKind.Number, "f.value").Indexed("figures_value", "value"),
            Filter.Compare("periodStart", SortKind.Text, PeriodStartSql).Indexed("figures_period_start", "periodStart"),
            Filter.Compare("periodEnd", SortKind.Text, PeriodEndSql).Indexed("figures_period_end", "periodEnd"),
            // Overlap with the range. The coalesce(...) forms match the sort indexes; '' (no period) never matches.
            Filter.DateRange("coalesce(f.period_end, '') >= @from", "coalesce(f.period_start, '') between '0' and @to")
                .IndexedFor("from", "figures_period_end").IndexedFor("to", "figures_period_start"),
        ],
    };

    /// <summary>The figure a row holds, with its citations.</summary>
    public static Figure ToRecord(FigureRow r, IReadOnlyList<Citation> citations) => new(
        r.Id,
        r.Metric,
        Wire<FigureKind>.Parse(r.Kind),
        (decimal)r.Value,
        Wire<ValueQualifier>.Parse(r.ValueQualifier),
        Wire<FigureUnit>.Parse(r.Unit),
        r.PeriodStart,
        r.PeriodEnd,
        r.PeriodLabel,
        r.Scope,
        r.Breakdown,
        r.Reporter,
        r.Counter,
        r.StatedAs,
        Wire<FigureRank>.Parse(r.Rank),
        r.RankNote,
        citations);

    /// <summary>The row an import has just written for an input, read from the input instead of the database.</summary>
    public static FigureRow RowOf(string id, FigureInput f, ImportSession session)
    {
        var reporter = session.EntityRef(f.ReportedBy.Id);
        var counter = f.CountedBy is { } c ? session.EntityRef(c.Id) : null;
        return new FigureRow
        {
            Id = id,
            Metric = f.Metric,
            Kind = Wire<FigureKind>.Name(f.Kind),
            // As the database gives it back: the value went through a REAL column.
            Value = (double)f.Value,
            ValueQualifier = Wire<ValueQualifier>.Name(f.ValueQualifier),
            Unit = Wire<FigureUnit>.Name(f.Unit),
            PeriodStart = f.PeriodStart,
            PeriodEnd = f.PeriodEnd,
            PeriodLabel = f.PeriodLabel,
            Scope = f.Scope,
            Dimension = f.Breakdown?.Dimension,
            DimensionValue = f.Breakdown?.Value,
            DimensionLabel = f.Breakdown is { } b ? session.DimensionLabel(b.Dimension, b.Value) : null,
            ReportedBy = reporter.Id,
            ReportedByKind = Wire<EntityKind>.Name(reporter.Kind),
            ReportedByName = reporter.Name,
            CountedBy = counter?.Id,
            CountedByKind = counter is null ? null : Wire<EntityKind>.Name(counter.Kind),
            CountedByName = counter?.Name,
            StatedAs = f.StatedAs,
            Rank = Wire<FigureRank>.Name(f.Rank),
            RankNote = f.RankNote,
            Revision = 1,
        };
    }

    public static FigureInput? Parse(JsonBody body)
    {
        var id = body.Id("id", required: false);
        if (id is "pace" or "discrepancies" or "series")
            body.Errors.Add("id", $"Is reserved: /api/v1/figures/{id} is the {id} endpoint. Choose another id.");
        var metric = body.IdOf("metric", Referenced.Metric, 100);
        var kind = body.Enum<FigureKind>("kind");
        var value = body.Number("value", 0, 1_000_000_000_000m, maxDecimals: 4);
        var qualifier = body.Enum<ValueQualifier>("valueQualifier", fallback: ValueQualifier.Exact);
        var unit = body.Enum<FigureUnit>("unit");
        var periodStart = body.Date("periodStart");
        var periodEnd = body.Date("periodEnd");
        var periodLabel = body.String("periodLabel", 200, required: false);
        var scope = body.String("scope", 100);
        BreakdownInput? breakdown = null;
        if (body.Object("breakdown", required: false, """an object such as {"dimension": "citizenship", "value": "MX"}""") is { } part)
        {
            var dimension = part.IdOf("dimension", Referenced.Dimension, 100);
            var dimensionValue = part.String("value", 100);
            part.ReadOnly("label").Done();
            if (dimension is not null && dimensionValue is not null)
            {
                part.Errors.Refer(part.Path + ".value", Referenced.DimensionValue, DimensionValues.Key(dimension, dimensionValue));
                breakdown = new BreakdownInput(dimension, dimensionValue);
            }
        }
        var reportedBy = body.Reference("reportedBy");
        var countedBy = body.Reference("countedBy", required: false, Referenced.Organization);
        var statedAs = body.String("statedAs", 200, required: false);
        var rank = body.Enum<FigureRank>("rank", fallback: FigureRank.Normal);
        var rankNote = body.String("rankNote", 500, required: false);
        var citations = CitationWrites.Parse(body, required: true);
        body.Done();

        if (periodStart is { } start && periodEnd is { } end && end < start)
            body.Errors.Add("periodEnd", $"Must not be before periodStart ({start:yyyy-MM-dd}); got {end:yyyy-MM-dd}.");

        return metric is null || kind is null || value is null || qualifier is null || unit is null || scope is null
               || reportedBy is null || rank is null || citations is null
            ? null
            : new FigureInput(id, metric, kind.Value, value.Value, qualifier.Value, unit.Value, periodStart, periodEnd,
                periodLabel, scope, breakdown, new RefInput(reportedBy),
                countedBy is null ? null : new RefInput(countedBy), statedAs, rank.Value, rankNote, citations);
    }
}

/// <summary>A breakdown as a write gives it: the dimension and one of its values.</summary>
public sealed record BreakdownInput(
    [property: Description("The dimension's id, from `GET /api/v1/dimensions`.")] string Dimension,
    [property: Description("One of the dimension's values (listed at `GET /api/v1/dimensions`), e.g. `MX`.")] string Value)
{
    [Description("Ignored: the value as a reader sees it, as a read serves it (\"Mexico\"). May be sent back; the server takes it from the dimension.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Label { get; init; }
}

/// <summary>A figure as a write gives it.</summary>
public sealed record FigureInput(
    [property: Description("Optional readable id; made from the metric and period when left out.")] string? Id,
    [property: Description("What is counted: an id from `GET /api/v1/metrics`.")] string Metric,
    [property: Description("`actual`, `target`, `estimate` or `projection`."), Required] FigureKind Kind,
    [property: Description("The number, from 0."), Required] decimal Value,
    [property: Description("How the source qualifies the number; `exact` when left out."), Omittable("\"exact\"")] ValueQualifier ValueQualifier,
    [property: Description("What the value counts."), Required] FigureUnit Unit,
    [property: Description("First day of the period, YYYY-MM-DD.")] DateOnly? PeriodStart,
    [property: Description("Last day of the period (inclusive), not before periodStart.")] DateOnly? PeriodEnd,
    [property: Description("The period in words.")] string? PeriodLabel,
    [property: Description("Where the count applies: `US` for the whole country.")] string Scope,
    [property: Description("The part of the count this figure is, when the source breaks it down; left out (or null) for the whole count.")] BreakdownInput? Breakdown,
    [property: Description("The entity that reported the figure.")] RefInput ReportedBy,
    [property: Description(Figure.CountedByDoc)] RefInput? CountedBy,
    [property: Description("The source's own word for what was counted, verbatim.")] string? StatedAs,
    [property: Description("`preferred`, `normal` or `deprecated`; `normal` when left out."), Omittable("\"normal\"")] FigureRank Rank,
    [property: Description(Figure.RankNoteDoc)] string? RankNote,
    [property: Description("At least one citation: the excerpt that states the figure.")] IReadOnlyList<CitationInput> Citations);

/// <summary>A figure as the database gives it, with what it shows of the records it refers to.</summary>
internal sealed class FigureRow
{
    public string Id { get; init; } = "";
    public string Metric { get; init; } = "";
    public string Kind { get; init; } = "";
    public double Value { get; init; }
    public string ValueQualifier { get; init; } = "";
    public string Unit { get; init; } = "";
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public string? PeriodLabel { get; init; }
    public string Scope { get; init; } = "";
    public string? Dimension { get; init; }
    public string? DimensionValue { get; init; }
    public string? DimensionLabel { get; init; }
    public string ReportedBy { get; init; } = "";
    public string ReportedByKind { get; init; } = "";
    public string ReportedByName { get; init; } = "";
    public string? CountedBy { get; init; }
    public string? CountedByKind { get; init; }
    public string? CountedByName { get; init; }
    public string? StatedAs { get; init; }
    public string Rank { get; init; } = "";
    public string? RankNote { get; init; }
    public long Revision { get; init; }
    /// <summary>The latest publication date of the figure's sources, which only a series reads (to choose among figures).</summary>
    public string? LatestPublishedOn { get; init; }

    public decimal DecimalValue => (decimal)Value;
    public ValueQualifier Qualifier => Wire<ValueQualifier>.Parse(ValueQualifier);
    public EntityRef Reporter => new(ReportedBy, Wire<EntityKind>.Parse(ReportedByKind), ReportedByName);
    public EntityRef? Counter => CountedBy is null ? null : new(CountedBy, Wire<EntityKind>.Parse(CountedByKind!), CountedByName!);
    public Breakdown? Breakdown => Dimension is null ? null : new(Dimension, DimensionValue!, DimensionLabel ?? DimensionValue!);
}

/// <summary>The query parameters of <c>GET /api/v1/figures</c>: each is read by the filter of its name in <see cref="FigureDefinition.List"/>.</summary>
internal sealed class FigureListQuery : ListParameters<FigureRow>
{
    protected override ListDefinition<FigureRow> Definition => FigureDefinition.List;

    [FromQuery(Name = "metric"), Description("Only figures of this metric; the metrics are listed at `GET /api/v1/metrics`." + QueryDocs.MembershipSyntax), ApiParameter(Example = "removals")]
    public string? Metric { get; init; }

    [FromQuery(Name = "kind"), Description("Only figures of this kind: `actual`, `target`, `estimate` or `projection`." + QueryDocs.MembershipSyntax), ApiParameter(Example = "in:actual,estimate")]
    public string? Kind { get; init; }

    [FromQuery(Name = "rank"), Description("Only figures of this rank: `preferred`, `normal` or `deprecated`." + QueryDocs.MembershipSyntax), ApiParameter(Example = "preferred")]
    public string? Rank { get; init; }

    [FromQuery(Name = "reportedBy"), Description("Only figures reported by this entity (an entity id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "dhs")]
    public string? ReportedBy { get; init; }

    [FromQuery(Name = "countedBy"), Description("Only figures that count this agency's operations (an entity id): `ice` for ICE's own counts, `dhs` for DHS-wide totals, `cbp`; `none` for figures whose counting agency is not recorded." + QueryDocs.MembershipSyntax), ApiParameter(Example = "ice")]
    public string? CountedBy { get; init; }

    [FromQuery(Name = "dimension"), Description("Only figures broken down by this dimension (`citizenship`, `criminality`, `area_of_responsibility`, `arresting_agency`; see `GET /api/v1/dimensions`); `none` for whole counts only, `ne:none` for breakdowns only." + QueryDocs.MembershipSyntax), ApiParameter(Example = "citizenship")]
    public string? Dimension { get; init; }

    [FromQuery(Name = "dimensionValue"), Description("Only figures of this breakdown value, such as `MX` (citizenship) or `convicted` (criminality)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "in:MX,GT,HN")]
    public string? DimensionValue { get; init; }

    [FromQuery(Name = "source"), Description("Only figures cited to this source (a source id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "scope"), Description("Only figures of this scope: `US` for the whole country, or the area a figure counts." + QueryDocs.MembershipSyntax), ApiParameter(Example = "US")]
    public string? Scope { get; init; }

    [FromQuery(Name = "value"), Description("Only figures whose value compares so." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "gte:100000", Pattern = QueryDocs.NumberPattern)]
    public string[]? Value { get; init; }

    [FromQuery(Name = "periodStart"), Description("Only figures whose period starts so (YYYY-MM-DD)." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "gte:2025-01-01", Pattern = QueryDocs.DatePattern)]
    public string[]? PeriodStart { get; init; }

    [FromQuery(Name = "periodEnd"), Description("Only figures whose period ends so (YYYY-MM-DD)." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "lt:2025-05-01", Pattern = QueryDocs.DatePattern)]
    public string[]? PeriodEnd { get; init; }

    [FromQuery(Name = "from"), Description("Only figures whose period ends on or after this day (YYYY-MM-DD): with `to`, the figures whose period overlaps the range. Figures without a period never match a date filter."), ApiParameter(Type = typeof(DateOnly), Example = "2025-01-01")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description("Only figures whose period starts on or before this day (YYYY-MM-DD); not before `from`. Figures without a period never match a date filter."), ApiParameter(Type = typeof(DateOnly), Example = "2025-12-31")]
    public string? To { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort), ApiParameter(Example = "-periodEnd,value")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,value,periodStart,periodEnd")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet), ApiParameter(Example = "metric")]
    public string[]? Facet { get; init; }
}
