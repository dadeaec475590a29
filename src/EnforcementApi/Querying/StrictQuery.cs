using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EnforcementApi.Querying;

/// <summary>
/// Refuses a query parameter the operation does not declare, or one given twice: a misspelt filter
/// must be a 400, never a silently unfiltered answer. The declared names come from the handler's own
/// parameters, so the check and the OpenAPI document cannot disagree.
/// </summary>
internal static class StrictQuery
{
    /// <summary>
    /// Set in <see cref="HttpContext.Items"/> while the handler of a refused read runs only to report its own
    /// errors: a handler that streams its answer must then not start.
    /// </summary>
    public const string Refused = "StrictQuery.Refused";

    public static TBuilder RejectUnknownQueryParameters<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var (allowed, repeatable) = DeclaredQueryParameters(context.MethodInfo);
            var allowedText = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Order(StringComparer.Ordinal));
            return async invocation =>
            {
                var request = invocation.HttpContext.Request;
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var (name, values) in request.Query)
                {
                    if (!allowed.Contains(name))
                        errors[name] = [$"Is not a parameter of this operation; its parameters are: {allowedText}."];
                    else if (values.Count > 1 && !repeatable.Contains(name))
                        errors[name] = ["Is given more than once; give it once."];
                }
                if (errors.Count == 0) return await next(invocation);

                // A read changes nothing, so it can also check the parameters it knows, and one answer
                // lists every problem of the request.
                if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                {
                    invocation.HttpContext.Items[Refused] = true;
                    var result = await next(invocation);
                    if ((result is INestedHttpResult nested ? nested.Result : result) is ValidationProblem { ProblemDetails.Errors: var more })
                        foreach (var (name, messages) in more)
                            errors.TryAdd(name, messages);
                }
                return QueryErrors.Problem(errors);
            };
        });

    /// <summary>The query parameters a handler declares, and those it takes several times (arrays).</summary>
    static (HashSet<string> All, HashSet<string> Repeatable) DeclaredQueryParameters(MethodInfo method)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var repeatable = new HashSet<string>(StringComparer.Ordinal);
        void Add(string name, Type type)
        {
            all.Add(name);
            if (type.IsArray) repeatable.Add(name);
        }

        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties())
                    if (property.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
                        Add(fromQuery.Name ?? property.Name, property.PropertyType);
            }
            else if (parameter.GetCustomAttribute<FromQueryAttribute>() is { } fromQuery)
            {
                Add(fromQuery.Name ?? parameter.Name!, parameter.ParameterType);
            }
        }
        return (all, repeatable);
    }
}
