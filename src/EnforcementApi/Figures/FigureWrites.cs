using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Json;
using EnforcementApi.Writes;

namespace EnforcementApi.Figures;

/// <summary>A breakdown as a write gives it: the dimension and one of its values.</summary>
public sealed record BreakdownInput(
    [property: Description("The dimension's id, from `GET /api/v1/dimensions`.")] string Dimension,
    [property: Description("One of the dimension's values (listed at `GET /api/v1/dimensions`), e.g. `MX`.")] string Value);

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
    [property: Description("The source's own word for what was counted, verbatim.")] string? StatedAs,
    [property: Description("`preferred`, `normal` or `deprecated`; `normal` when left out."), Omittable("\"normal\"")] FigureRank Rank,
    [property: Description("At least one citation: the excerpt that states the figure.")] IReadOnlyList<CitationInput> Citations);

internal static class FigureWrites
{
    public static readonly WritableResource<FigureInput, Figure> Resource = new()
    {
        Type = RecordType.Figure,
        Noun = "figure",
        Table = "figures",
        Parse = Parse,
        IdOf = f => f.Id,
        IdBase = f => f.Metric.Replace('_', '-') + " " + (f.PeriodLabel ?? f.PeriodEnd?.ToString("yyyy-MM-dd") ?? "")
                      + (f.Breakdown is { } b ? " " + b.Value : ""),
        InsertAsync = async (connection, transaction, id, f) =>
        {
            await connection.ExecuteAsync(InsertSql, DapperValues.Of(v => Values(v, id, f)), transaction);
            await CitationWrites.WriteAsync(connection, transaction, CitedRecord.Figure, id, [.. f.Citations]);
        },
        InsertInImport = (session, id, f) =>
        {
            var insert = session.Native(InsertSql);
            Values(insert, id, f);
            insert.Run();
            CitationWrites.Insert(session, CitedRecord.Figure, id, f.Citations);
            // As FiguresApi.LoadAsync reads it back: the value went through a REAL column.
            return new Figure(id, f.Metric, f.Kind, (decimal)(double)f.Value, f.ValueQualifier, f.Unit, f.PeriodStart, f.PeriodEnd,
                f.PeriodLabel, f.Scope, f.Breakdown is { } b ? new Breakdown(b.Dimension, b.Value, session.DimensionLabel(b.Dimension, b.Value)) : null,
                session.EntityRef(f.ReportedBy.Id), f.StatedAs, f.Rank,
                [.. f.Citations.Select(c => CitationWrites.Served(c, session.SourceTitle(c.SourceId)))]);
        },
        UpdateAsync = async (connection, transaction, id, f) =>
        {
            await connection.ExecuteAsync("""
                update figures
                set metric = @Metric, kind = @Kind, value = @Value, value_qualifier = @ValueQualifier, unit = @Unit,
                    period_start = @PeriodStart, period_end = @PeriodEnd, period_label = @PeriodLabel, scope = @Scope,
                    dimension = @Dimension, dimension_value = @DimensionValue,
                    reported_by = @ReportedBy, stated_as = @StatedAs, rank = @Rank
                where id = @id
                """, DapperValues.Of(v => Values(v, id, f)), transaction);
            await CitationWrites.WriteAsync(connection, transaction, CitedRecord.Figure, id, [.. f.Citations]);
        },
        BlockerAsync = (_, _, _) => Task.FromResult<string?>(null),
        LoadAsync = (connection, transaction, id, ct) => FiguresApi.LoadAsync(connection, id, ct, transaction),
    };

    const string InsertSql = """
        insert into figures (id, metric, kind, value, value_qualifier, unit, period_start, period_end, period_label,
                             scope, dimension, dimension_value, reported_by, stated_as, rank)
        values (@id, @Metric, @Kind, @Value, @ValueQualifier, @Unit, @PeriodStart, @PeriodEnd, @PeriodLabel,
                @Scope, @Dimension, @DimensionValue, @ReportedBy, @StatedAs, @Rank)
        """;

    /// <summary>A figure's columns, for the insert and the update alike.</summary>
    static void Values(IStatementValues values, string id, FigureInput f) => values
        .Text("@id", id).Text("@Metric", f.Metric).Text("@Kind", Wire<FigureKind>.Name(f.Kind)).Real("@Value", (double)f.Value)
        .Text("@ValueQualifier", Wire<ValueQualifier>.Name(f.ValueQualifier)).Text("@Unit", Wire<FigureUnit>.Name(f.Unit))
        .Date("@PeriodStart", f.PeriodStart).Date("@PeriodEnd", f.PeriodEnd).Text("@PeriodLabel", f.PeriodLabel).Text("@Scope", f.Scope)
        .Text("@Dimension", f.Breakdown?.Dimension).Text("@DimensionValue", f.Breakdown?.Value)
        .Text("@ReportedBy", f.ReportedBy.Id).Text("@StatedAs", f.StatedAs).Text("@Rank", Wire<FigureRank>.Name(f.Rank));

    static FigureInput? Parse(JsonBody body)
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
        var statedAs = body.String("statedAs", 200, required: false);
        var rank = body.Enum<FigureRank>("rank", fallback: FigureRank.Normal);
        var citations = CitationWrites.Parse(body, required: true);
        body.Done();

        if (periodStart is { } start && periodEnd is { } end && end < start)
            body.Errors.Add("periodEnd", $"Must not be before periodStart ({start:yyyy-MM-dd}); got {end:yyyy-MM-dd}.");

        return metric is null || kind is null || value is null || qualifier is null || unit is null || scope is null
               || reportedBy is null || rank is null || citations is null
            ? null
            : new FigureInput(id, metric, kind.Value, value.Value, qualifier.Value, unit.Value, periodStart, periodEnd,
                periodLabel, scope, breakdown, new RefInput(reportedBy), statedAs, rank.Value, citations);
    }
}
