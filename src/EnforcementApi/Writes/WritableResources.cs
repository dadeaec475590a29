using EnforcementApi.Data;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Sources;
using EnforcementApi.Statements;

namespace EnforcementApi.Writes;

/// <summary>
/// Every kind of record's write side, once: what imports, the change history and the contract's import lines
/// read for a record type. A <see cref="RecordType"/> without its resource here stops the app at start.
/// </summary>
internal static class WritableResources
{
    public static readonly IReadOnlyList<IWritableResource> All = RecordKinds.Total<IWritableResource>(
        [SourceWrites.Resource, EntityWrites.Resource, EventWrites.Resource, FigureWrites.Resource, StatementWrites.Resource],
        r => r.Type, nameof(WritableResources));

    public static IWritableResource Of(RecordType type) => All.Single(r => r.Type == type);
}
