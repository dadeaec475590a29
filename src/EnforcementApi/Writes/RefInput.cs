using System.ComponentModel;

namespace EnforcementApi.Writes;

/// <summary>
/// A reference to another record as a write gives it: <c>{"id": "dhs"}</c>. The other fields of a served
/// reference (kind, name) may be sent back and are ignored.
/// </summary>
public sealed record RefInput([property: Description("The id of the referenced record, which must exist.")] string Id);
