using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Writes;

/// <summary>
/// Writes of entities: slugs from names, the rules of people and organizations (only organizations nest,
/// only people hold roles, no cycles), roles that statements name, and entities other records refer to.
/// </summary>
public sealed class EntityWritesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    readonly WriteApi api = WriteApi.For(factory);

    [Fact]
    public async Task An_entity_without_an_id_gets_first_last_from_its_name_then_2_then_a_drawn_suffix_when_taken()
    {
        var first = await api.CreateAsync("entities", Make.Person(null, "Avery Quillfeather"));
        Assert.Equal("avery-quillfeather", first.Json.Str("id"));
        Assert.Equal("/api/v1/entities/avery-quillfeather", first.Location);

        var second = await api.CreateAsync("entities", Make.Person(null, "Avery Quillfeather"));
        Assert.Equal("avery-quillfeather-2", second.Json.Str("id"));

        var third = await api.CreateAsync("entities", Make.Person(null, "Avery  Quillfeather"));
        Assert.Matches("^avery-quillfeather-[a-km-np-z2-9]{8}$", third.Json.Str("id"));
    }

    [Fact]
    public async Task A_slug_drops_accents_and_punctuation()
    {
        var accented = await api.CreateAsync("entities", Make.Person(null, "Zoë Ångström-Núñez"));
        Assert.Equal("zoe-angstrom-nunez", accented.Json.Str("id"));

        var punctuated = await api.CreateAsync("entities", Make.Organization(null, "Test Office of Records, Region 7 (North)"));
        Assert.Equal("test-office-of-records-region-7-north", punctuated.Json.Str("id"));
    }

    [Fact]
    public async Task Put_replaces_the_entity_and_clears_short_name_parent_roles_and_citations_left_out()
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-office");
        var body = Make.Organization(id, "Test Sub Office", world.Agency);
        body["citations"] = Make.Cite(world.Source, "the sub office");
        await api.CreateAsync("entities", body);

        var replaced = (await api.ReplaceAsync("entities", id, new JsonObject
        {
            ["kind"] = "organization", ["name"] = "Test Standalone Office", ["summary"] = "A synthetic office, on its own.",
        })).Json;

        Assert.Equal("Test Standalone Office", replaced.Str("name"));
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("shortName").ValueKind);
        Assert.Equal(JsonValueKind.Null, replaced.GetProperty("parent").ValueKind);
        Assert.Empty(replaced.GetProperty("citations").EnumerateArray());
        JsonOf.AssertSame(replaced.Node(), (await api.ReadAsync("entities", id)).Node, "GET after PUT");

        var person = Make.Id("test-person");
        await api.CreateAsync("entities", Make.Person(person, "Test Roleholder", "Test Clerk", world.Office));
        var cleared = (await api.ReplaceAsync("entities", person, new JsonObject
        {
            ["kind"] = "person", ["name"] = "Test Roleholder", ["summary"] = "A synthetic official for tests.",
        })).Json;
        Assert.Empty(cleared.GetProperty("roles").EnumerateArray());
    }

    [Fact]
    public async Task Patch_merges_a_nested_reference_and_replaces_the_roles_array()
    {
        var world = await World.CreateAsync(api);
        var id = Make.Id("test-office");
        await api.CreateAsync("entities", Make.Organization(id, "Test Moving Office", world.Agency));

        var moved = (await api.ChangeAsync("entities", id, new JsonObject { ["parent"] = new JsonObject { ["id"] = world.Office } })).Json;
        Assert.Equal(world.Office, moved.GetProperty("parent").Str("id"));
        Assert.Equal("Test Field Office", moved.GetProperty("parent").Str("name"));
        Assert.Equal("Test Moving Office", moved.Str("name"));

        var unparented = (await api.ChangeAsync("entities", id, new JsonObject { ["parent"] = null, ["shortName"] = null })).Json;
        Assert.Equal(JsonValueKind.Null, unparented.GetProperty("parent").ValueKind);
        Assert.Equal(JsonValueKind.Null, unparented.GetProperty("shortName").ValueKind);

        var person = Make.Id("test-person");
        await api.CreateAsync("entities", Make.Person(person, "Test Transfer", "Test Clerk", world.Office));
        var roles = (await api.ChangeAsync("entities", person, new JsonObject
        {
            ["roles"] = new JsonArray(Make.Role("Test Analyst", world.Agency, "2024-06-01"), Make.Role("Test Adviser", null, null)),
        })).Json.GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(["Test Adviser", "Test Analyst"], roles.Select(r => r.Str("title")).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(roles, r => r.Str("title") == "Test Clerk");
    }

    [Fact]
    public async Task A_person_with_a_parent_is_a_400_naming_parent()
    {
        var world = await World.CreateAsync(api);
        var body = Make.Person(Make.Id("test-person"));
        body["parent"] = new JsonObject { ["id"] = world.Agency };
        await api.InvalidPostAsync("entities", body, "parent");

        await api.InvalidAsync(() => api.PatchAsync("entities", world.Person, new JsonObject { ["parent"] = new JsonObject { ["id"] = world.Agency } }),
            "parent");
    }

    [Fact]
    public async Task An_organization_with_roles_is_a_400_naming_roles()
    {
        var world = await World.CreateAsync(api);
        var body = Make.Organization(Make.Id("test-office"));
        body["roles"] = new JsonArray(Make.Role("Test Director", null));
        await api.InvalidPostAsync("entities", body, "roles");

        await api.InvalidAsync(() => api.PatchAsync("entities", world.Office, new JsonObject { ["roles"] = new JsonArray(Make.Role("Test Director", null)) }),
            "roles");
    }

    [Fact]
    public async Task A_parent_that_is_a_person_or_does_not_exist_is_a_400_naming_parent_id()
    {
        var world = await World.CreateAsync(api);
        await api.InvalidPostAsync("entities", Make.Organization(Make.Id("test-office"), parent: world.Person), "parent.id");
        await api.InvalidPostAsync("entities", Make.Organization(Make.Id("test-office"), parent: "test-no-such-entity"), "parent.id");
    }

    [Fact]
    public async Task A_role_at_an_entity_that_is_not_an_organization_is_a_400_naming_the_role()
    {
        var world = await World.CreateAsync(api);
        var body = Make.Person(Make.Id("test-person"));
        body["roles"] = new JsonArray(Make.Role("Test Clerk", world.Office), Make.Role("Test Aide", world.Person), Make.Role("Test Scribe", "test-no-such-entity"));
        await api.InvalidPostAsync("entities", body, "roles[1].organization.id", "roles[2].organization.id");
    }

    [Fact]
    public async Task An_organization_cannot_be_made_its_own_parent_or_a_child_of_its_descendant()
    {
        var world = await World.CreateAsync(api);
        var grandchild = await api.CreateIdAsync("entities", Make.Organization(Make.Id("test-unit"), "Test Unit", world.Office));
        var agency = (await api.ReadAsync("entities", world.Agency)).Node;

        // The agency contains the office, which contains the unit.
        foreach (var descendant in new[] { world.Office, grandchild, world.Agency })
        {
            var body = agency.DeepClone().AsObject();
            body["parent"] = new JsonObject { ["id"] = descendant };
            await api.InvalidAsync(() => api.PutAsync("entities", world.Agency, body), "parent.id");
            await api.InvalidAsync(() => api.PatchAsync("entities", world.Agency, new JsonObject { ["parent"] = new JsonObject { ["id"] = descendant } }),
                "parent.id");
        }
        await api.InvalidPostAsync("entities", Make.Organization("test-self-parent", parent: "test-self-parent"), "parent.id");
        JsonOf.AssertSame(agency, (await api.ReadAsync("entities", world.Agency)).Node, "the agency after refused writes");
    }

    [Fact]
    public async Task A_role_that_a_statement_names_cannot_be_removed_but_its_dates_can_change()
    {
        var world = await World.CreateAsync(api);
        var statement = await api.CreateIdAsync("statements",
            Make.Statement(null, world.Source, world.Person, "Synthetic words from the director.", World.RoleTitle, world.Office));
        var person = (await api.ReadAsync("entities", world.Person)).Node.AsObject();

        var withoutRole = person.DeepClone().AsObject();
        withoutRole["roles"] = new JsonArray(Make.Role("Test Other Post", world.Agency));
        var problem = await api.InvalidAsync(() => api.PutAsync("entities", world.Person, withoutRole), "roles");
        Assert.Contains(statement, problem.GetProperty("errors").GetProperty("roles")[0].GetString());
        await api.InvalidAsync(() => api.PatchAsync("entities", world.Person, new JsonObject { ["roles"] = new JsonArray() }), "roles");

        // The same role (title and organization) with other dates stays the role the statement names.
        var redated = (await api.ChangeAsync("entities", world.Person, new JsonObject
        {
            ["roles"] = new JsonArray(Make.Role(World.RoleTitle, world.Office, "2023-05-01")),
        })).Json;
        Assert.Equal("2023-05-01", redated.GetProperty("roles")[0].Str("startedOn"));
        var said = (await api.ReadAsync("statements", statement)).Json.GetProperty("speakerRole");
        Assert.Equal(World.RoleTitle, said.Str("title"));
        Assert.Equal("2023-05-01", said.Str("startedOn"));
    }

    public static TheoryData<string, string> Referrers => new()
    {
        { "figure", "figure(s) it reported" },
        { "statement", "statement(s) it made" },
        { "participant", "event part(s)" },
        { "child", "organization(s) within it" },
        { "role", "role(s) at it" },
    };

    [Theory, MemberData(nameof(Referrers))]
    public async Task An_entity_still_referred_to_cannot_be_deleted_until_the_referring_record_is_gone(string referrer, string named)
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("entities", Make.Organization(Make.Id("test-office"), "Test Referred Office"));
        var (resource, referring) = referrer switch
        {
            "figure" => ("figures", await api.CreateIdAsync("figures", Make.Figure(null, world.Source, id))),
            "statement" => ("statements", await api.CreateIdAsync("statements", Make.Statement(null, world.Source, id))),
            "participant" => ("events", await api.CreateIdAsync("events", Make.Event(null, world.Source, "Test referring event", (id, "agency")))),
            "child" => ("entities", await api.CreateIdAsync("entities", Make.Organization(Make.Id("test-unit"), "Test Unit", id))),
            _ => ("entities", await api.CreateIdAsync("entities", Make.Person(Make.Id("test-person"), "Test Holder", "Test Clerk", id))),
        };

        var problem = await api.RefusedAsync(() => api.DeleteAsync("entities", id), HttpStatusCode.Conflict);
        Assert.Contains("1 " + named, problem.Str("detail"));
        await api.ReadAsync("entities", id);

        await api.RemoveAsync(resource, referring);
        await api.RemoveAsync("entities", id);
        WriteApi.AssertProblem(await api.GetAsync($"/api/v1/entities/{id}"), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_409_for_an_entity_names_every_kind_of_record_that_refers_to_it()
    {
        var world = await World.CreateAsync(api);
        var id = await api.CreateIdAsync("entities", Make.Organization(Make.Id("test-office"), "Test Busy Office"));
        await api.CreateAsync("figures", Make.Figure(null, world.Source, id));
        await api.CreateAsync("figures", Make.Figure(null, world.Source, id));
        await api.CreateAsync("statements", Make.Statement(null, world.Source, id));
        await api.CreateAsync("events", Make.Event(null, world.Source, "Test busy event", (id, "agency"), (id, "announcer")));
        await api.CreateAsync("entities", Make.Organization(Make.Id("test-unit"), "Test Unit", id));
        await api.CreateAsync("entities", Make.Person(Make.Id("test-person"), "Test Holder", "Test Clerk", id));

        var detail = (await api.RefusedAsync(() => api.DeleteAsync("entities", id), HttpStatusCode.Conflict)).Str("detail")!;
        foreach (var part in new[] { "2 figure(s) it reported", "1 statement(s) it made", "2 event part(s)", "1 organization(s) within it", "1 role(s) at it" })
            Assert.Contains(part, detail);
    }

    [Fact]
    public async Task A_referenced_entitys_name_is_accepted_back_and_ignored()
    {
        var world = await World.CreateAsync(api);
        var body = Make.Organization(Make.Id("test-unit"), "Test Unit", world.Office);
        body["parent"] = new JsonObject { ["id"] = world.Office, ["kind"] = "person", ["name"] = "A name the client made up" };
        var unit = (await api.CreateAsync("entities", body)).Json;
        Assert.Equal("Test Field Office", unit.GetProperty("parent").Str("name"));
        Assert.Equal("organization", unit.GetProperty("parent").Str("kind"));
    }

    /// <summary>
    /// The schema lets only an organization contain another, and a role's organization be an organization;
    /// an organization that contains others or has roles at it must therefore stay an organization.
    /// </summary>
    [Fact]
    public async Task An_organization_that_contains_organizations_or_has_roles_at_it_cannot_become_a_person()
    {
        var world = await World.CreateAsync(api);
        var office = (await api.ReadAsync("entities", world.Office)).Node;

        // world.Agency contains world.Office; world.Person holds a role at world.Office.
        foreach (var id in new[] { world.Agency, world.Office })
        {
            var asPerson = new JsonObject { ["kind"] = "person", ["name"] = "Test Renamed", ["summary"] = "A synthetic official for tests." };
            await api.RefusedAsync(() => api.PutAsync("entities", id, asPerson), HttpStatusCode.BadRequest);
            await api.RefusedAsync(() => api.PatchAsync("entities", id, new JsonObject { ["kind"] = "person", ["parent"] = null, ["shortName"] = null }),
                HttpStatusCode.BadRequest);
        }
        Assert.Equal("organization", (await api.ReadAsync("entities", world.Office)).Json.GetProperty("parent").Str("kind"));
        JsonOf.AssertSame(office, (await api.ReadAsync("entities", world.Office)).Node, "the office after the refused writes");
    }
}
