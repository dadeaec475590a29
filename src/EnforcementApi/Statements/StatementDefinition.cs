using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Json;
using EnforcementApi.Querying;
using EnforcementApi.Writes;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Statements;

/// <summary>
/// What a statement's fields are, in one place: the columns a write stores (and every read selects), the
/// write body and how it is read, the row a read gets and the record it becomes, and what the list filters,
/// sorts and counts by. See <see cref="Figures.FigureDefinition"/>.
/// </summary>
internal static class StatementDefinition
{
    /// <summary>The speaker's role a write names, by title and organization among the speaker's roles.</summary>
    public const string RoleOfSpeakerSql = """
        (select id from entity_roles
         where entity_id = @speaker_id and title = @role_title and organization_id is not distinct from @role_organization
         order by id limit 1)
        """;

    /// <summary>The stored columns, named once for the SELECT, the INSERT and the UPDATE.</summary>
    public static readonly Table<StatementInput> Table = new Table<StatementInput>("statements", "s")
        .Text("speaker_id", s => s.Speaker.Id)
        .Computed("speaker_role_id", RoleOfSpeakerSql,
            (v, s) => v.Text("@role_title", s.SpeakerRole?.Title).Text("@role_organization", s.SpeakerRole?.Organization?.Id))
        .Text("text", s => s.Text)
        .Enum("quote_type", s => s.QuoteType)
        .Date("said_on", s => s.SaidOn)
        .Enum("date_precision", s => s.DatePrecision)
        .Enum("channel", s => s.Channel);

    // A left join keeps the listed table first in SQLite's plan: its index gives the order and the page
    // stops after limit rows. (With statistics, SQLite may otherwise start from the smaller entities table
    // and sort every record.) The reference is not null and must exist, so it finds what an inner join
    // would; and it is one spelling for both engines (SQLite's other hint, CROSS JOIN … ON, PostgreSQL refuses).
    public static readonly string Select = "select " + Table.Select + """
        , sp.kind as speaker_kind, sp.name as speaker_name,
               r.title as role_title, r.organization_id as role_organization_id,
               o.kind as role_organization_kind, o.name as role_organization_name,
               r.started_on as role_started_on, r.ended_on as role_ended_on
        """;

    public const string Joins = """
        left join entities sp on sp.id = s.speaker_id
        left join entity_roles r on r.id = s.speaker_role_id
        left join entities o on o.id = r.organization_id
        """;

    public static readonly string SelectFrom = Select + "\nfrom statements s\n" + Joins;

    public const string SaidOnSql = "coalesce(s.said_on, '')";

    public static readonly ListDefinition<StatementRow> List = new()
    {
        Resource = "statements",
        Select = Select,
        From = "from statements s",
        Joins = Joins,
        IdSql = "s.id",
        IdIndex = "sqlite_autoindex_statements_1",
        Id = r => r.Id,
        DefaultSort = "-saidOn",
        RecordType = typeof(Statement),
        Sorts = [new SortField<StatementRow>("saidOn", SaidOnSql, SortKind.Text, r => Dates.Key(r.SaidOn), "statements_said_on")],
        Facets =
        [
            new Facet("speaker", "s.speaker_id", "(select e.name from entities e where e.id = s.speaker_id)"),
            new Facet("quoteType", "s.quote_type"),
            new Facet("source", "sc.source_id", "(select so.title from sources so where so.id = sc.source_id)",
                "join citations sc on sc.record_type = 'statement' and sc.record_id = s.id", "count(distinct s.id)"),
        ],
        Filters =
        [
            Filter.FullText("s.id", "statement").Indexed(Filter.ById),
            Filter.Reference("speaker", Reference.Entity, new Match("s.speaker_id")).Indexed("statements_speaker", "saidOn"),
            Filter.Enum<QuoteType>("quoteType", "s.quote_type").Indexed("statements_quote_type", "saidOn"),
            Filter.Reference("source", Reference.Source,
                new Match("s.id", "select c.record_id from citations c where c.record_type = 'statement' and c.source_id")).Indexed(Filter.ById),
            Filter.Compare("saidOn", SortKind.Text, SaidOnSql).Indexed("statements_said_on", "saidOn"),
            Filter.DateRange("coalesce(s.said_on, '') >= @from", "coalesce(s.said_on, '') between '0' and @to")
                .IndexedFor("from", "statements_said_on", "saidOn").IndexedFor("to", "statements_said_on", "saidOn"),
        ],
    };

    /// <summary>The statement a row holds, with its citations.</summary>
    public static Statement ToRecord(StatementRow r, IReadOnlyList<Citation> citations) => new(
        r.Id,
        new EntityRef(r.SpeakerId, Wire<EntityKind>.Parse(r.SpeakerKind), r.SpeakerName),
        r.RoleTitle is null
            ? null
            : new Role(
                r.RoleTitle,
                r.RoleOrganizationId is null
                    ? null
                    : new EntityRef(r.RoleOrganizationId, Wire<EntityKind>.Parse(r.RoleOrganizationKind!), r.RoleOrganizationName!),
                r.RoleStartedOn,
                r.RoleEndedOn),
        r.Text,
        Wire<QuoteType>.Parse(r.QuoteType),
        r.SaidOn,
        Wire<DatePrecision>.Parse(r.DatePrecision),
        Wire<StatementChannel>.Parse(r.Channel),
        citations);

    public static StatementInput? Parse(JsonBody body)
    {
        var id = body.Id("id", required: false);
        var speaker = body.Reference("speaker");
        SpeakerRoleInput? role = null;
        if (body.Object("speakerRole", required: false, """an object such as {"title": "Border czar"}, naming one of the speaker's roles""") is { } roleBody)
        {
            var title = roleBody.String("title", 200);
            var organization = roleBody.Reference("organization", required: false, Referenced.Organization);
            roleBody.ReadOnly("startedOn", "endedOn").Done();
            if (title is not null) role = new SpeakerRoleInput(title, organization is null ? null : new RefInput(organization));
        }
        var text = body.String("text", 10_000);
        var quoteType = body.Enum<QuoteType>("quoteType");
        var saidOn = body.Date("saidOn");
        var precision = body.Enum<DatePrecision>("datePrecision", fallback: saidOn is null ? DatePrecision.Unknown : DatePrecision.Day);
        var channel = body.Enum<StatementChannel>("channel", fallback: StatementChannel.Unknown);
        var citations = CitationWrites.Parse(body, required: true);
        body.Done();
        if (precision is { } p) DatePrecisions.Check(body.Errors, "saidOn", saidOn, p);

        return speaker is null || text is null || quoteType is null || precision is null || channel is null || citations is null
            ? null
            : new StatementInput(id, new RefInput(speaker), role, text, quoteType.Value, saidOn, precision.Value, channel.Value, citations);
    }
}

/// <summary>The speaker's role as a write names it: one of the roles the speaker holds.</summary>
public sealed record SpeakerRoleInput(
    [property: Description("The title of one of the speaker's roles.")] string Title,
    [property: Description("That role's organization, when it has one.")] RefInput? Organization)
{
    [Description("Ignored: when the role began, as a read serves it. May be sent back; the server takes it from the speaker's roles.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? StartedOn { get; init; }

    [Description("Ignored: when the role ended, as a read serves it. May be sent back; the server takes it from the speaker's roles.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateOnly? EndedOn { get; init; }
}

/// <summary>A statement as a write gives it.</summary>
public sealed record StatementInput(
    [property: Description("Optional readable id; made from the speaker and the first words when left out.")] string? Id,
    [property: Description("Who said it: a person, or an organization for an agency statement.")] RefInput Speaker,
    [property: Description("The speaker's role when speaking: one of the roles the speaker's entity holds (matched by title and organization).")] SpeakerRoleInput? SpeakerRole,
    [property: Description("The words, verbatim from the source.")] string Text,
    [property: Description("`direct` or `paraphrase`."), Required] QuoteType QuoteType,
    [property: Description("When it was said: the first day of the month or year for those precisions; null when unknown.")] DateOnly? SaidOn,
    [property: Description("How precisely saidOn is known; `unknown` exactly when saidOn is null. When left out it follows from saidOn: `day` for a date, `unknown` without one."), Omittable] DatePrecision DatePrecision,
    [property: Description("How it was said; `unknown` when left out."), Omittable("\"unknown\"")] StatementChannel Channel,
    [property: Description("At least one citation.")] IReadOnlyList<CitationInput> Citations);

/// <summary>A statement as the database gives it, with its speaker and the speaker's role.</summary>
internal sealed class StatementRow
{
    public string Id { get; init; } = "";
    public string SpeakerId { get; init; } = "";
    public string SpeakerKind { get; init; } = "";
    public string SpeakerName { get; init; } = "";
    public string? RoleTitle { get; init; }
    public string? RoleOrganizationId { get; init; }
    public string? RoleOrganizationKind { get; init; }
    public string? RoleOrganizationName { get; init; }
    public DateOnly? RoleStartedOn { get; init; }
    public DateOnly? RoleEndedOn { get; init; }
    public string Text { get; init; } = "";
    public string QuoteType { get; init; } = "";
    public DateOnly? SaidOn { get; init; }
    public string DatePrecision { get; init; } = "";
    public string Channel { get; init; } = "";
    public long Revision { get; init; }
}

/// <summary>The query parameters of <c>GET /api/v1/statements</c>: each is read by the filter of its name in <see cref="StatementDefinition.List"/>.</summary>
internal sealed class StatementListQuery : ListParameters<StatementRow>
{
    protected override ListDefinition<StatementRow> Definition => StatementDefinition.List;

    [FromQuery(Name = "speaker"), Description("Only statements by this entity (an entity id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "tom-homan")]
    public string? Speaker { get; init; }

    [FromQuery(Name = "quoteType"), Description("Only `direct` quotes or only `paraphrase`s." + QueryDocs.MembershipSyntax), ApiParameter(Example = "direct")]
    public string? QuoteType { get; init; }

    [FromQuery(Name = "source"), Description("Only statements cited to this source (a source id)." + QueryDocs.MembershipSyntax), ApiParameter(Example = "article-ice-leadership-shakeup")]
    public string? Source { get; init; }

    [FromQuery(Name = "saidOn"), Description("Only statements said on a day that compares so (YYYY-MM-DD)." + QueryDocs.ComparisonSyntax), ApiParameter(Example = "gte:2025-01-20", Pattern = QueryDocs.DatePattern)]
    public string[]? SaidOn { get; init; }

    [FromQuery(Name = "from"), Description(QueryDocs.From), ApiParameter(Type = typeof(DateOnly), Example = "2025-01-20")]
    public string? From { get; init; }

    [FromQuery(Name = "to"), Description(QueryDocs.To), ApiParameter(Type = typeof(DateOnly), Example = "2025-04-29")]
    public string? To { get; init; }

    [FromQuery(Name = "sort"), Description(QueryDocs.Sort), ApiParameter(Example = "-saidOn")]
    public string? Sort { get; init; }

    [FromQuery(Name = "fields"), Description(QueryDocs.Fields), ApiParameter(Example = "id,speaker,text,quoteType")]
    public string? Fields { get; init; }

    [FromQuery(Name = "facet"), Description(QueryDocs.Facet), ApiParameter(Example = "speaker")]
    public string[]? Facet { get; init; }
}
