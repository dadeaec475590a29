namespace EnforcementApi.Writes;

/// <summary>
/// A field of a write body that may be left out although the record always has it: the server fills it
/// in. The contract leaves it out of <c>required</c> and, when the value is fixed, states it as the
/// schema's <c>default</c> (<paramref name="defaultJson"/>, as JSON text); a value that follows from
/// other fields has none, and the field's description says how it follows.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class OmittableAttribute(string? defaultJson = null) : Attribute
{
    public string? DefaultJson => defaultJson;
}

/// <summary>
/// A field that, when given, needs another given beside it: the contract states the pair as
/// <c>dependentRequired</c>, and a body with one of them alone is a 400 that names the missing one.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NeedsAttribute(string otherField) : Attribute
{
    public string OtherField => otherField;
}
