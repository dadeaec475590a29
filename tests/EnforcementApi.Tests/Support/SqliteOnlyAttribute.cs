using Xunit.Abstractions;
using Xunit.Sdk;

namespace EnforcementApi.Tests.Support;

/// <summary>
/// A test class (or test) that runs on SQLite only, and why: a trait (<c>Provider=sqlite-only</c>), so that the run on
/// PostgreSQL leaves it out by a filter and <c>.ci/run</c> lists it with its reason, never in silence.
/// </summary>
[TraitDiscoverer("EnforcementApi.Tests.Support.SqliteOnlyDiscoverer", "EnforcementApi.Tests")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SqliteOnlyAttribute(string reason) : Attribute, ITraitAttribute
{
    public string Reason { get; } = reason;
}

public sealed class SqliteOnlyDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new("Provider", "sqlite-only");
        yield return new("SqliteOnly", traitAttribute.GetConstructorArguments().FirstOrDefault() as string ?? "");
    }
}

/// <summary>Why a class runs on SQLite only: what only SQLite has, or what needs no second run.</summary>
public static class NotOnPostgres
{
    public const string SqliteFile = "checks SQLite's own file, plans, pragmas or bulk path; PostgreSQL has its own tests of these (tests/…/Postgres)";
    public const string NoDatabase = "reads no database (the drafts pipeline, the contract's text): the same on any provider, run once";
    public const string OwnApp = "starts an app or process of its own on a SQLite file, with settings of its own (limits, logging)";
}
