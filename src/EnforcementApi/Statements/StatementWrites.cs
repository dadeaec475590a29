using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using EnforcementApi.Citations;
using EnforcementApi.Data;
using EnforcementApi.Events;
using EnforcementApi.Json;
using EnforcementApi.Writes;

namespace EnforcementApi.Statements;

/// <summary>The speaker's role as a write names it: one of the roles the speaker holds.</summary>
public sealed record SpeakerRoleInput(
    [property: Description("The title of one of the speaker's roles.")] string Title,
    [property: Description("That role's organization, when it has one.")] RefInput? Organization);

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

internal static class StatementWrites
{
    const string RoleOfSpeaker = """
        select id from entity_roles
        where entity_id = @Speaker and title = @RoleTitle and organization_id is @RoleOrganization
        order by id limit 1
        """;

    public static readonly WritableResource<StatementInput, Statement> Resource = new()
    {
        Type = RecordType.Statement,
        Noun = "statement",
        Table = "statements",
        Parse = Parse,
        IdOf = s => s.Id,
        IdBase = s => s.Speaker.Id + " " + string.Join(' ', s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6)),
        CheckAsync = async (connection, transaction, s, _, errors) =>
        {
            if (s.SpeakerRole is { } role && await connection.ExecuteScalarAsync<long?>(RoleOfSpeaker, Parameters("", s), transaction) is null)
                errors.Add("speakerRole", $"'{s.Speaker.Id}' has no role titled '{role.Title}'"
                    + (role.Organization is null ? " without an organization" : $" at '{role.Organization.Id}'")
                    + "; give one of the speaker's roles (see its entity), or add the role to the entity first.");
        },
        InsertAsync = async (connection, transaction, id, s) =>
        {
            await connection.ExecuteAsync("""
                insert into statements (id, speaker_id, speaker_role_id, text, quote_type, said_on, date_precision, channel)
                values (@id, @Speaker, (
                    select id from entity_roles
                    where entity_id = @Speaker and title = @RoleTitle and organization_id is @RoleOrganization
                    order by id limit 1),
                    @Text, @QuoteType, @SaidOn, @DatePrecision, @Channel)
                """, Parameters(id, s), transaction);
            await CitationWrites.WriteAsync(connection, transaction, CitedRecord.Statement, id, [.. s.Citations]);
        },
        UpdateAsync = async (connection, transaction, id, s) =>
        {
            await connection.ExecuteAsync("""
                update statements
                set speaker_id = @Speaker,
                    speaker_role_id = (
                        select id from entity_roles
                        where entity_id = @Speaker and title = @RoleTitle and organization_id is @RoleOrganization
                        order by id limit 1),
                    text = @Text, quote_type = @QuoteType, said_on = @SaidOn, date_precision = @DatePrecision, channel = @Channel
                where id = @id
                """, Parameters(id, s), transaction);
            await CitationWrites.WriteAsync(connection, transaction, CitedRecord.Statement, id, [.. s.Citations]);
        },
        BlockerAsync = (_, _, _) => Task.FromResult<string?>(null),
        LoadAsync = (connection, transaction, id, ct) => StatementsApi.LoadAsync(connection, id, ct, transaction),
    };

    static object Parameters(string id, StatementInput s) => new
    {
        id, Speaker = s.Speaker.Id, RoleTitle = s.SpeakerRole?.Title, RoleOrganization = s.SpeakerRole?.Organization?.Id,
        s.Text, QuoteType = Wire<QuoteType>.Name(s.QuoteType), s.SaidOn,
        DatePrecision = Wire<DatePrecision>.Name(s.DatePrecision), Channel = Wire<StatementChannel>.Name(s.Channel),
    };

    static StatementInput? Parse(JsonBody body)
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
