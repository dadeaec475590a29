using System.ComponentModel;
using System.Text.Json.Serialization;
using EnforcementApi.Entities;

namespace EnforcementApi.Writes;

/// <summary>
/// A reference to another record as a write gives it: <c>{"id": "dhs"}</c>. The other fields of a served
/// reference (kind, name) may be sent back and are ignored; the contract lists them so that a served
/// record sent back as a PUT is valid against it.
/// </summary>
public sealed record RefInput([property: Description("The id of the referenced record, which must exist.")] string Id)
{
    [Description("Ignored: the referenced entity's kind, as a read serves it. May be sent back; the server takes it from the entity.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EntityKind? Kind { get; init; }

    [Description("Ignored: the referenced entity's name, as a read serves it. May be sent back; the server takes it from the entity.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }
}
