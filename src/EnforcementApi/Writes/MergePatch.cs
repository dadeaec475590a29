using System.Text.Json.Nodes;

namespace EnforcementApi.Writes;

/// <summary>JSON merge patch (RFC 7396): objects merge, null removes, anything else replaces.</summary>
internal static class MergePatch
{
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
                target.Remove(name);
            else if (value is JsonObject patchObject && target[name] is JsonObject targetObject)
                Apply(targetObject, patchObject);
            else
                target[name] = value.DeepClone();
        }
        return target;
    }
}
