using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EnforcementApi.Auth;
using EnforcementApi.Tests.Support;
using EnforcementApi.Tests.Writes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EnforcementApi.Tests.Hardening;

/// <summary>
/// Proves, from the served OpenAPI document alone, that bad input never makes the API misbehave. Every
/// operation, each of its parameters (path, query, header) and each field of its request body gets wrong
/// types, empty and huge values, boundary numbers, SQL and FTS5 metacharacters, invalid percent-encoding,
/// invalid UTF-8, deep and oversized JSON, with and without a key; and every answer must be a status the
/// operation declares, never a 5xx, every 4xx a problem+json, and a refused write must leave the data as it
/// was. The requests come from a fixed seed (<c>FUZZ_SEED</c> overrides it, <c>FUZZ_REQUESTS</c> the count),
/// so a run can be replayed exactly.
/// </summary>
public sealed class ContractFuzzTests(ApiFactory factory, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    const int DefaultSeed = 20261130;
    const int DefaultRequests = 6000;
    const int WriteBodyLimit = 1024 * 1024; // Api:MaxRequestBodyBytes by default
    const int FailuresShown = 50;
    const string Placeholder = "fuzz-placeholder-4b1d";
    static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    int sent;

    [Fact]
    public async Task Bad_input_to_every_declared_operation_gets_a_declared_problem_and_writes_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : DefaultRequests;
        var random = new Random(seed);

        var api = WriteApi.For(factory);
        var keys = new Keys(api.Key, CreateKey("fuzz-admin", KeyScope.Admin), CreateKey("fuzz-revoked", KeyScope.Write));
        Assert.True(factory.Services.GetRequiredService<ApiKeys>().Revoke("fuzz-revoked"));
        CreateKey(RevocableKeyName, KeyScope.Write);

        var document = JsonNode.Parse(await api.Client.GetStringAsync("/swagger/v1/swagger.json"))!;
        var contract = Contract.Read(document);
        var records = await CreateDisposableRecordsAsync(api, contract);
        var (accepted, notes) = await CalibrateAsync(contract, records, keys);
        var targets = Plan(contract, random);
        var preparation = sent;

        var failures = new List<Failure>();
        var statuses = new SortedDictionary<int, int>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var target = targets[i % targets.Count];
            var probe = Build(target, contract, records, accepted, keys, random);
            // Only writes can change data, so only they pay for a count of every table.
            var before = probe.Operation.Writes ? api.Rows() : null;
            var answer = await SendAsync(probe);
            // An import job writes after its 202; the next request is judged on the data once it has.
            if (answer.Status == 202) await api.ImportJobsSettledAsync();
            var after = before is not null && answer.Status >= 400 ? api.Rows() : before;
            statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
            foreach (var reason in Misbehaviour(probe, answer, contract, before, after))
                failures.Add(new Failure(probe, answer, reason));
        }
        clock.Stop();

        output.WriteLine($"seed {seed} (FUZZ_SEED): {sent - preparation} requests (FUZZ_REQUESTS; and {preparation} to calibrate) over "
            + $"{contract.Operations.Count} operations and {targets.Count} targets in {clock.Elapsed.TotalSeconds:F1} s");
        output.WriteLine("statuses: " + string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}")));
        foreach (var note in notes) output.WriteLine("contract note: " + note);
        var report = Report(failures, seed, count);
        output.WriteLine(report);
        Assert.True(failures.Count == 0, report);
    }

    // ---------------------------------------------------------------- the contract

    /// <summary>A parameter as the document declares it, with its schema resolved.</summary>
    sealed record Parameter(string Name, string In, bool Required, JsonObject Schema, JsonNode? Example);

    /// <summary>
    /// A request body: its media type, the example to build bodies from (for NDJSON, an array of the example's
    /// lines; for a merge patch, the PUT's), the operation's own example, and every field a client can send,
    /// found by walking the resolved schemas.
    /// </summary>
    sealed record Body(string ContentType, bool Ndjson, bool MergePatch, JsonNode Example, JsonNode? Declared, IReadOnlyList<Field> Fields);

    /// <summary>A body field: its path (property names, and 0 for an array's item; for NDJSON the line first).</summary>
    sealed record Field(object[] Path, JsonObject Schema)
    {
        public string Name => string.Join("", Path.Select((p, i) => p is int index ? $"[{index}]" : (i == 0 ? "" : ".") + p));
    }

    sealed record Operation(string Method, string Template, bool Secured, IReadOnlyList<int> Statuses,
        IReadOnlyList<Parameter> Parameters, Body? Body)
    {
        public string Name => $"{Method} {Template}";
        /// <summary>Statuses the contract answers as an HTML page (the home page, for a browser), not only as a problem.</summary>
        public IReadOnlySet<int> HtmlStatuses { get; init; } = new HashSet<int>();
        public bool Writes => Method != "GET";
        public string[] Segments { get; } = Segment(Template);
    }

    sealed class Contract(IReadOnlyList<Operation> operations)
    {
        public IReadOnlyList<Operation> Operations => operations;

        /// <summary>Every id a read's example names: records that exist, for requests that should reach deep.</summary>
        public List<string> KnownIds { get; } = operations
            .SelectMany(o => o.Parameters.Where(p => p.In == "path" && p.Example is JsonValue).Select(p => p.Example!.ToString()))
            .Distinct().ToList();

        public static Contract Read(JsonNode document)
        {
            var schemas = document["components"]!["schemas"]!.AsObject();
            var secureByDefault = document["security"] is JsonArray { Count: > 0 };
            var raw = new List<(string Template, string Method, JsonObject Operation, JsonArray PathParameters)>();
            foreach (var (template, item) in document["paths"]!.AsObject())
                foreach (var (method, operation) in item!.AsObject().Where(m => Methods.Contains(m.Key)))
                    raw.Add((template, method, operation!.AsObject(), item["parameters"]?.AsArray() ?? []));

            // An import line is a record of the type it names, so its fields are those of that type's POST body.
            var lineSchemas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var (_, method, operation, _) in raw.Where(r => r.Method == "post"))
                if (operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>() is { } reference
                    && reference.Split('/')[^1] is var name && name.EndsWith("Input", StringComparison.Ordinal))
                    lineSchemas[name[..^"Input".Length].ToLowerInvariant()] = Resolve(schemas[name], schemas);

            var operations = new List<Operation>();
            foreach (var (template, method, operation, pathParameters) in raw)
            {
                var parameters = pathParameters.Concat(operation["parameters"]?.AsArray() ?? []).Select(p => new Parameter(
                    p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["required"]?.GetValue<bool>() ?? false,
                    Resolve(p["schema"], schemas), p["example"]?.DeepClone())).ToList();
                var secured = operation["security"] is JsonArray security ? security.Count > 0 : secureByDefault;
                var statuses = operation["responses"]!.AsObject().Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture)).Order().ToList();
                var body = operation["requestBody"]?["content"]?.AsObject().FirstOrDefault() is { Key: { } mediaType, Value: { } content }
                    ? BodyOf(mediaType, content.AsObject(), raw.FirstOrDefault(r => r.Template == template && r.Method == "put").Operation,
                        schemas, lineSchemas)
                    : null;
                var html = operation["responses"]!.AsObject().Where(r => r.Value?["content"]?["text/html"] is not null)
                    .Select(r => int.Parse(r.Key, CultureInfo.InvariantCulture)).ToHashSet();
                operations.Add(new Operation(method.ToUpperInvariant(), template, secured, statuses, parameters, body) { HtmlStatuses = html });
            }
            return new Contract(operations);
        }

        static Body BodyOf(string mediaType, JsonObject content, JsonObject? put, JsonObject schemas, Dictionary<string, JsonObject> lineSchemas)
        {
            if (mediaType == "application/x-ndjson")
            {
                var lines = new JsonArray();
                var fields = new List<Field>();
                var types = new JsonArray(lineSchemas.Keys.Select(k => (JsonNode?)k).ToArray());
                foreach (var line in (content["example"]?.GetValue<string>() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var record = JsonNode.Parse(line)!.AsObject();
                    var index = lines.Count;
                    lines.Add(record);
                    fields.Add(new Field([index, "type"], new JsonObject { ["type"] = "string", ["enum"] = types.DeepClone() }));
                    if (lineSchemas.TryGetValue(record["type"]?.GetValue<string>() ?? "", out var schema))
                        fields.AddRange(Walk(schema, [index], schemas, 0));
                }
                return new Body(mediaType, Ndjson: true, MergePatch: false, lines, content["example"]?.DeepClone(), fields);
            }

            // A merge patch takes any of the record's fields: the fields, and the example to build nested ones from,
            // are those of the PUT beside it.
            var mergePatch = mediaType == "application/merge-patch+json";
            var source = mergePatch && put?["requestBody"]?["content"]?["application/json"] is JsonObject putContent ? putContent : content;
            var resolved = Resolve(source["schema"], schemas);
            return new Body(mediaType, Ndjson: false, mergePatch, source["example"]?.DeepClone() ?? new JsonObject(),
                content["example"]?.DeepClone(), Walk(resolved, [], schemas, 0).ToList());
        }

        /// <summary>The schema a $ref names, and the non-null alternative of a nullable oneOf.</summary>
        public static JsonObject Resolve(JsonNode? schema, JsonObject schemas)
        {
            var resolved = schema as JsonObject ?? new JsonObject();
            for (var hops = 0; resolved["$ref"]?.GetValue<string>() is { } reference && hops < 16; hops++)
                resolved = schemas[reference.Split('/')[^1]]!.AsObject();
            if (resolved["oneOf"] is JsonArray alternatives)
                return Resolve(alternatives.FirstOrDefault(a => a?["type"]?.ToString() != "null"), schemas);
            return resolved;
        }

        static IEnumerable<Field> Walk(JsonObject schema, object[] path, JsonObject schemas, int depth)
        {
            if (depth > 6) yield break; // a recursive schema would never end
            if (schema["properties"] is JsonObject properties)
            {
                foreach (var (name, property) in properties)
                {
                    var resolved = Resolve(property, schemas);
                    object[] at = [.. path, name];
                    yield return new Field(at, resolved);
                    foreach (var inner in Walk(resolved, at, schemas, depth + 1)) yield return inner;
                }
            }
            else if (TypeOf(schema) == "array" && schema["items"] is { } items)
            {
                var resolved = Resolve(items, schemas);
                object[] at = [.. path, 0];
                yield return new Field(at, resolved);
                foreach (var inner in Walk(resolved, at, schemas, depth + 1)) yield return inner;
            }
        }

        /// <summary>The operations a request path reaches with this method (those it reaches by any method, when null).</summary>
        public List<Operation> Matching(string decodedPath, string? method)
        {
            var segments = Segment(decodedPath);
            return operations.Where(o => (method is null || o.Method == method) && o.Segments.Length == segments.Length
                && o.Segments.Zip(segments).All(p => p.First.StartsWith('{') ? p.Second.Length > 0
                    : string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase))).ToList();
        }
    }

    static string[] Segment(string path)
    {
        // Routing treats one trailing slash as none; an empty segment inside matches no parameter.
        var trimmed = path.Length > 1 && path.EndsWith('/') ? path[..^1] : path;
        return trimmed.Split('/')[1..];
    }

    static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => schema["enum"] is not null ? "string" : null,
    };

    static IEnumerable<string> EnumOf(JsonObject schema) =>
        (schema["enum"]?.AsArray() ?? schema["items"]?["enum"]?.AsArray() ?? []).Select(v => v!.ToString());

    // ---------------------------------------------------------------- what to send

    /// <summary>A value for a URL or a header: percent-encoded when composed, unless raw (sent exactly as written).</summary>
    sealed record Text(string? Value, bool Raw = false)
    {
        public static readonly Text Missing = new((string?)null);
        public string Encoded => Raw ? Value! : Uri.EscapeDataString(Value!);
        public override string ToString() => Value is null ? "(left out)" : Raw ? Value : Value.Length > 60 ? $"{Value[..20]}…({Value.Length} chars)" : Value;
    }

    static readonly string Huge = new('a', 10_000);

    /// <summary>The bad values the issue names, given to every parameter; raw ones are invalid percent-encoding.</summary>
    static readonly Text[] CoreTexts =
    [
        new(""), new(Huge), new("0"), new("-1"), new("2147483648"), new("9223372036854775808"), new("NaN"), new("1e309"),
        new("abc"), new("true"), new("[]"), new("{}"), new("1.5"),
        new("' or 1=1 --"), new("\"; drop table figures; --"),
        new("\""), new("*"), new("NEAR("), new("^"), new(":"), new("("), new(")"), new("-"), new("AND OR"),
        new("%", Raw: true), new("%zz", Raw: true), new("%C3%28", Raw: true),
    ];

    static readonly Text[] MoreTexts =
    [
        new(string.Concat(Enumerable.Repeat("é", 5_000))), new("-9223372036854775809"), new("Infinity"), new("-0"), new("0x10"),
        new(" 5"), new("+5"), new("null"), new("'; select * from api_keys; --"), new("\\"), new("%"), new("NOT"), new("\"open"),
        new("title:x"), new("NEAR(a b, -1)"), new("{a b}"), new("a OR"), new("x*y*"), new("^*"), new("\"\"\"\""), new("\u0000"),
        new("\u202Eevil"), new("😀"), new("\t\n"), new(","), new(",,,"), new("%ED%A0%80", Raw: true), new("%FF%FE", Raw: true),
        new("%00", Raw: true), new("%E2%82", Raw: true), new("%C0%AF", Raw: true), new("%%", Raw: true), new("%2", Raw: true),
        new("a+b", Raw: true), new("in:"), new("in:,,"), new("gte:"), new("eq:abc"), new("gt:2025-01-01:x"),
        new("lte:9223372036854775808"), new("gte:1e309"), new("gte:NaN"), new("2025-02-30"), new("0000-00-00"), new("9999-99-99"),
        new("2025-1-1"), new("-2025-01-01"), new("-id"), new("--id"), new("+id"), new("id,-id,id"), new("id,,id"),
    ];

    static readonly Text[] PathTexts =
    [
        new("no-such-record"), new("fuzz-" + new string('x', 300)), new("ICE"), new(" ice"), new("ice "), new("ice%00", Raw: true),
        new("a/b", Raw: true), new("a%2Fb", Raw: true), new("%2F", Raw: true), new("..."), new("~"), new("ice;x"), new("ice?x"),
        new("ice#x"), new("ícé"), new(""),
        new("fuzz-del-sources"), // the test's own source, deleted by the valid DELETE early on: an id that is gone
    ];

    static readonly Text[] ConditionTexts =
    [
        new("*"), new("\"\""), new("W/\"x\""), new("\"x\", *"), new("W/"), new("\"open"), new(",,,"), new("\"" + Huge + "\""),
        new("W/*"), new("\"x\" \"y\""),
    ];

    /// <summary>
    /// The values one parameter gets: those for its type and place (its edges, where bugs hide), and the general
    /// ones, the core twice as often. A visit takes from each in turn, so that the few visits a target gets
    /// try its own edges early.
    /// </summary>
    static Pool<Text> TextsFor(Parameter parameter, Contract contract, bool forDeletion)
    {
        var general = new List<Text>(CoreTexts.Concat(CoreTexts).Concat(MoreTexts)) { Text.Missing };
        var specific = new List<Text>();
        var schema = parameter.Schema;
        var type = TypeOf(schema);
        if (type is "integer" or "number")
            specific.AddRange(new[] { "2147483647", "-2147483648", "201", "200", "1", "4294967296", "1.0", "1e2", "01", "1e-400", "-0.0", "1.0000001" }
                .Select(v => new Text(v)));
        if (type == "boolean") specific.AddRange(new[] { "TRUE", "1", "yes", "False ", "t" }.Select(v => new Text(v)));
        foreach (var value in EnumOf(schema).Take(1))
            specific.AddRange([new(value.ToUpperInvariant()), new(value + " "), new(value + ","), new("in:" + value), new("ne:" + value)]);
        if (schema["format"]?.ToString() is "date")
            specific.AddRange(new[] { "0001-01-01", "9999-12-31", "9999-12-01", "0001-12-31", "2025-02-29", "2024-02-30", "20250101",
                "2025-01-01T00:00:00Z", "99999-01-01" }.Select(v => new Text(v)));
        if (schema["items"]?["pattern"] is not null)
            specific.AddRange(new[] { "gte:0001-01-01", "lte:9999-12-31", "gt:9999-12-31", "lt:0001-01-01", "eq:79228162514264337593543950336",
                "gte:2025-13-01", "gte:2025-01-01,2025-02-01", "between:1,2", "lt:", "eq:-1e309" }.Select(v => new Text(v)));
        if (parameter.Name is "cursor" or "since" && parameter.Example?.ToString() is { Length: > 2 } cursor)
            specific.AddRange([new(cursor), new(cursor[..^1] + (cursor[^1] == 'A' ? 'B' : 'A')), new(cursor[..(cursor.Length / 2)]),
                new(cursor + "x"), new(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"R\":\"figures\",\"K\":[1e309]}")) + ".x"), new(".")]);
        if (parameter.In == "path")
        {
            general.Remove(Text.Missing); // a path without its id is another path: the empty id stands for it
            specific.AddRange(PathTexts);
            // Deleting a bundled record would take it from every later read, which then reaches less deep.
            if (!forDeletion) specific.AddRange(contract.KnownIds.Select(id => new Text(id)));
            // A server refuses a NUL in the path with its own 400 before the app sees the request.
            foreach (var list in new[] { general, specific })
                list.RemoveAll(t => t.Value is { } v && (t.Raw ? v.Contains("%00", StringComparison.Ordinal) : v.Contains('\0')));
        }
        if (parameter.In == "header")
        {
            specific.AddRange(ConditionTexts);
            specific.AddRange([new(new string('k', 255)), new(new string('k', 256)), new("fuzz-idempotency"), new(" ")]);
            // A header carries printable ASCII on the wire: a server refuses anything else before the app sees it.
            foreach (var list in new[] { general, specific })
                list.RemoveAll(t => t.Raw || t.Value?.Any(c => c is < ' ' or > '~') == true);
        }
        return new Pool<Text>(specific, general);
    }

    /// <summary>Values for one target: a visit takes from the specific ones and the general ones in turn.</summary>
    sealed record Pool<T>(List<T> Specific, List<T> General)
    {
        public T Pick(int visit) => Specific.Count > 0 && visit % 2 == 0
            ? Specific[visit / 2 % Specific.Count]
            : General[(Specific.Count > 0 ? visit / 2 : visit) % General.Count];
    }

    /// <summary>A body field's value as raw JSON bytes (not always valid JSON), or null to leave the field out.</summary>
    sealed record Fragment(string Name, byte[]? Bytes)
    {
        public static Fragment Json(string text) => new(text.Length > 60 ? $"{text[..20]}…({text.Length} chars)" : text, Encoding.UTF8.GetBytes(text));
    }

    static readonly Fragment[] CoreFragments =
    [
        .. new[]
        {
            "123", "-1", "0", "true", "null", "[]", "{}", "\"\"", "\"abc\"", "2147483648", "9223372036854775808", "NaN", "1e309",
            "\"" + Huge + "\"", "\"' or 1=1 --\"", "\"\\\"; drop table figures; --\"", "\"NEAR(\"", "\"*\"", "\"\\\"\"",
            "\"^\"", "\"AND OR\"", "\"\\ud800\"",
            new string('[', 200) + new string(']', 200),
            string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200),
        }.Select(Fragment.Json),
        new Fragment("invalid UTF-8 (FF) in a string", [(byte)'"', 0xFF, (byte)'"']),
        new Fragment("invalid UTF-8 (C3 28) in a string", [(byte)'"', 0xC3, 0x28, (byte)'"']),
        new Fragment("(left out)", null),
    ];

    static readonly Fragment[] MoreFragments =
    [
        .. new[]
        {
            "1.5", "false", "[1,2]", "{\"id\":1}", "-2147483649", "-9223372036854775809", "-1e309", "1e-400", "Infinity", "-0",
            "123456789012345678901234567890.5", "79228162514264337593543950336", "\"NaN\"", "\"1e309\"", "\"2147483648\"",
            "\"\\u0000\"", "\"\\udc00x\"", "\"   \"", "\"\\u202Eevil\"", "\"😀\"", "\"2025-02-30\"", "\"0001-01-01\"",
            "\"9999-12-31T23:59:59Z\"", "\"2025-01-01T00:00:00+14:00\"", "\"2025-01-01T25:00:00Z\"", "\"not a url\"",
            "\"javascript:alert(1)\"", "\"http://\"", "\"ftp://example.org/x\"", "[null]", "[{}]", "[\"x\"]", "{\"id\":null}",
            "{\"id\":\"no-such-record\"}", "{\"id\":\"\"}", "{\"id\":\"ice\",\"x\":1}", "[" + string.Join(",", Enumerable.Repeat("0", 10_000)) + "]",
            "[" + string.Join(",", Enumerable.Repeat("{}", 2_000)) + "]", "\"%zz\"", "\"-\"", "\"a\" \"b\"", "01", "+1", ".5", "1.",
        }.Select(Fragment.Json),
        new Fragment("an encoded surrogate (ED A0 80) in a string", [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']),
        new Fragment("an overlong '/' (C0 AF) in a string", [(byte)'"', 0xC0, 0xAF, (byte)'"']),
        new Fragment("a code point above U+10FFFF in a string", [(byte)'"', 0xF4, 0x90, 0x80, 0x80, (byte)'"']),
    ];

    static Pool<Fragment> FragmentsFor(Field field)
    {
        var general = new List<Fragment>(CoreFragments.Concat(CoreFragments).Concat(MoreFragments));
        var fragments = new List<Fragment>();
        var type = TypeOf(field.Schema);
        if (type is "integer" or "number")
            fragments.AddRange(new[] { "2147483647", "-2147483648", "1.0", "1e2", "-0.0", "1e20", "0.1e-5", "1.5e300", "79228162514264337593543950335",
                "0.0000000000000000000000000001", "-0.5" }.Select(Fragment.Json));
        foreach (var value in EnumOf(field.Schema).Take(1))
            fragments.AddRange([Fragment.Json($"\"{value.ToUpperInvariant()}\""), Fragment.Json($"\"{value} \""), Fragment.Json($"[\"{value}\"]")]);
        if (field.Schema["format"]?.ToString() is "date")
            fragments.AddRange(new[] { "\"0001-01-01\"", "\"9999-12-31\"", "\"9999-10-01\"", "\"9999-12-01\"", "\"2025-1-1\"",
                "\"2025-01-01T00:00:00Z\"", "\"2024-02-30\"", "\"10000-01-01\"" }.Select(Fragment.Json));
        if (field.Schema["format"]?.ToString() is "date-time")
            fragments.AddRange(new[] { "\"2025-01-01\"", "\"2025-01-01T00:00:00\"", "\"2025-13-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"",
                "\"9999-12-31T23:59:59.9999999Z\"", "\"0001-01-01T00:00:00+14:00\"" }.Select(Fragment.Json));
        return new Pool<Fragment>(fragments, general);
    }

    /// <summary>A change to the body as a whole: its bytes, its content type, whether it states its length.</summary>
    sealed record Shape(string Name, Func<byte[], string, (byte[]? Body, string? ContentType, bool SendLength)> Make);

    static readonly Shape[] JsonShapes =
    [
        InString("invalid UTF-8 (FF) in the first string", [0xFF]),
        InString("invalid UTF-8 (C3 28) in the first string", [0xC3, 0x28]),
        InString("an encoded surrogate (ED A0 80) in the first string", [0xED, 0xA0, 0x80]),
        InString("an overlong (C0 AF) in the first string", [0xC0, 0xAF]),
        InString("a lone continuation byte (80) in the first string", [0x80]),
        new("a truncated UTF-8 sequence (E2 82) at the end", (b, t) => ([.. b, 0xE2, 0x82], t, true)),
        new("200 nested arrays", (_, t) => (Utf8(new string('[', 200) + new string(']', 200)), t, true)),
        new("200 nested objects", (_, t) => (Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)), t, true)),
        new("33 nested objects", (_, t) => (Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 33)) + "1" + new string('}', 33)), t, true)),
        new("a 200-deep value in the first field", (b, t) => (Splice(b, new string('[', 200) + "1" + new string(']', 200)), t, true)),
        new("padded with spaces to exactly the limit", (b, t) => ([.. b, .. Spaces(WriteBodyLimit - b.Length)], t, true)),
        new("padded with spaces to the limit plus one byte", (b, t) => ([.. b, .. Spaces(WriteBodyLimit + 1 - b.Length)], t, true)),
        new("padded to the limit plus one byte, without Content-Length", (b, t) => ([.. b, .. Spaces(WriteBodyLimit + 1 - b.Length)], t, false)),
        new("a 2 MiB string in the first field, without Content-Length", (b, t) => (Splice(b, "\"" + new string('x', 2 * WriteBodyLimit) + "\""), t, false)),
        new("a 1.1 MiB string in the first field", (b, t) => (Splice(b, "\"" + new string('x', WriteBodyLimit + WriteBodyLimit / 10) + "\""), t, true)),
        new("an empty body", (_, t) => ([], t, true)),
        new("no body and no content type", (_, _) => (null, null, false)),
        .. new[] { "null", "[]", "\"x\"", "0", "{", "}", "   ", "{}{}", "/*c*/{}", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "\"\\ud800\"" }
            .Select(text => new Shape($"the body {text}", (_, t) => (Utf8(text), t, true))),
        new("the first half of the body", (b, t) => (b[..(b.Length / 2)], t, true)),
        new("the body and then garbage", (b, t) => ([.. b, .. "x"u8], t, true)),
        new("the first field twice", (b, t) => (Splice(b, null, duplicateFirst: true), t, true)),
        new("an unknown field", (b, t) => (b.Length > 2 && b[0] == '{' && b[1] != '}' ? [.. "{\"colour\":\"red\","u8, .. b[1..]] : Utf8("{\"colour\":\"red\"}"), t, true)),
        new("a UTF-8 byte order mark first", (b, t) => ([0xEF, 0xBB, 0xBF, .. b], t, true)),
        new("UTF-16 with charset=utf-16", (b, t) => (Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(b)), t + "; charset=utf-16", true)),
        new("charset=latin1", (b, t) => (b, t + "; charset=latin1", true)),
        new("charset=utf-8", (b, t) => (b, t + "; charset=utf-8", true)),
        new("the content type in capitals", (b, t) => (b, t.ToUpperInvariant(), true)),
        new("no content type", (b, _) => (b, null, true)),
        .. new[]
        {
            "text/plain", "application/json", "application/merge-patch+json", "application/x-ndjson", "application/x-www-form-urlencoded",
            "application/problem+json", "multipart/form-data; boundary=x", "*/*", "///", "application/json;;", "application/json; charset=",
            "application/" + new string('j', 10_000),
        }.Select(type => new Shape($"Content-Type: {(type.Length > 40 ? type[..20] + "…" : type)}", (b, _) => (b, type, true))),
    ];

    static readonly Shape[] NdjsonShapes =
    [
        .. JsonShapes.Where(s => !s.Name.Contains("limit", StringComparison.Ordinal)),
        new("CRLF line ends", (b, t) => (Utf8(Encoding.UTF8.GetString(b).Replace("\n", "\r\n", StringComparison.Ordinal)), t, true)),
        new("blank lines between the lines", (b, t) => (Utf8(Encoding.UTF8.GetString(b).Replace("\n", "\n\n \n", StringComparison.Ordinal)), t, true)),
        new("a line that is an array", (b, t) => ([.. "[]\n"u8, .. b], t, true)),
        new("a line of an unknown type", (b, t) => ([.. "{\"type\":\"colour\",\"id\":\"x\"}\n"u8, .. b], t, true)),
        new("a line without a type", (b, t) => ([.. "{\"id\":\"x\",\"title\":\"x\"}\n"u8, .. b], t, true)),
        new("a line of type null", (b, t) => ([.. "{\"type\":null}\n"u8, .. b], t, true)),
        new("1,000 empty objects", (_, t) => (Utf8(string.Concat(Enumerable.Repeat("{}\n", 1_000))), t, true)),
        new("200 nested objects on the second line", (b, t) => ([.. b, .. Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200) + "\n")], t, true)),
        new("1.1 MiB of trailing spaces", (b, t) => ([.. b, .. Spaces(WriteBodyLimit + WriteBodyLimit / 10)], t, false)),
        new("the lines twice", (b, t) => ([.. b, .. b], t, true)),
        new("no final newline", (b, t) => (b.Length > 0 && b[^1] == '\n' ? b[..^1] : b, t, true)),
    ];

    static Shape InString(string name, byte[] bad) => new(name, (b, t) =>
    {
        // Inside the first string value, so that the bytes are in a place where JSON allows any character.
        var at = IndexOf(b, "\":\""u8);
        return (at < 0 ? [.. "{\"x\":\""u8, .. bad, .. "\"}"u8] : [.. b[..(at + 3)], .. bad, .. b[(at + 3)..]], t, true);
    });

    /// <summary>The body with its first field's value replaced (or that field written twice).</summary>
    static byte[] Splice(byte[] body, string? value, bool duplicateFirst = false)
    {
        var newline = Array.IndexOf(body, (byte)'\n');
        if (newline >= 0 && newline < body.Length - 1)
            return [.. Splice(body[..newline], value, duplicateFirst), .. body[newline..]]; // NDJSON: its first line
        JsonObject? node;
        try { node = JsonNode.Parse(body) as JsonObject; }
        catch (System.Text.Json.JsonException) { node = null; }
        if (node is null || node.Count == 0) return Utf8("{\"x\":" + (value ?? "1") + "}");
        var (name, current) = node.First();
        var text = node.ToJsonString();
        var firstMember = new JsonObject { [name] = current?.DeepClone() }.ToJsonString()[1..^1];
        return duplicateFirst
            ? Utf8("{" + firstMember + "," + text[1..])
            : Utf8("{" + JsonValue.Create(name).ToJsonString() + ":" + value + text[(1 + firstMember.Length)..]);
    }

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    static byte[] Spaces(int count)
    {
        var spaces = new byte[Math.Max(0, count)];
        spaces.AsSpan().Fill((byte)' ');
        return spaces;
    }

    static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    /// <summary>The keys a request can carry, and the Authorization header of each kind of credential.</summary>
    sealed record Keys(string Write, string Admin, string Revoked)
    {
        public string[] Variants => ["none", "write key", "admin key", "revoked key", "wrong key", "empty bearer", "basic", "huge bearer",
            "lowercase scheme", "no scheme", "key and junk", "key in capitals", "prefix only", "two keys"];

        public string? Header(string variant) => variant switch
        {
            "none" => null,
            "write key" => "Bearer " + Write,
            "admin key" => "Bearer " + Admin,
            "revoked key" => "Bearer " + Revoked,
            "wrong key" => "Bearer eak_AAAAAAAAAAAA_" + new string('A', 43),
            "empty bearer" => "Bearer ",
            "basic" => "Basic dXNlcjpwYXNz",
            "huge bearer" => "Bearer " + Huge,
            "lowercase scheme" => "bearer " + Write,
            "no scheme" => Write,
            "key and junk" => "Bearer " + Write + "x",
            "key in capitals" => "Bearer " + Write.ToUpperInvariant(),
            "prefix only" => "Bearer " + Write[..17],
            "two keys" => "Bearer " + Write + ", Bearer " + Admin,
            _ => throw new ArgumentException(variant),
        };
    }

    const string RevocableKeyName = "fuzz-revocable";

    string CreateKey(string name, KeyScope scope) => factory.Services.GetRequiredService<ApiKeys>().Create(name, scope);

    // ---------------------------------------------------------------- the plan

    /// <summary>
    /// What a request gets wrong: a declared parameter, a body field, the body as a whole, the credentials, or a
    /// parameter or header the operation does not declare; or nothing (the valid request, as a control).
    /// </summary>
    enum Aim { Parameter, Field, Shape, Auth, Undeclared, Baseline }

    /// <summary>One thing to get wrong in one operation; each visit takes the next of its values.</summary>
    sealed class Target(Operation operation, Aim aim, Parameter? parameter = null, Field? bodyField = null)
    {
        public Operation Operation => operation;
        public Aim Aim => aim;
        public Parameter? Parameter => parameter;
        public Field? Field => bodyField;
        public int Visits { get; set; }
        public int Offset { get; set; }
    }

    /// <summary>
    /// Every target of every operation, each once (shapes of the body three times, having the most kinds), in
    /// an order drawn from the seed: the run walks it round and round, so each target is visited about as often.
    /// </summary>
    static List<Target> Plan(Contract contract, Random random)
    {
        var targets = new List<Target>();
        foreach (var operation in contract.Operations)
        {
            targets.AddRange(operation.Parameters.Select(p => new Target(operation, Aim.Parameter, parameter: p)));
            targets.Add(new Target(operation, Aim.Undeclared));
            targets.Add(new Target(operation, Aim.Baseline));
            if (operation.Secured) targets.Add(new Target(operation, Aim.Auth));
            if (operation.Body is { } body)
            {
                targets.AddRange(body.Fields.Select(f => new Target(operation, Aim.Field, bodyField: f)));
                for (var i = 0; i < 3; i++) targets.Add(new Target(operation, Aim.Shape));
            }
        }
        foreach (var target in targets) target.Offset = random.Next(1000);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(targets));
        return targets;
    }

    /// <summary>A request as it goes on the wire: the raw path and query, headers, and body bytes.</summary>
    sealed record Probe(Operation Operation, string Path, string Query, List<(string Name, string Value)> Headers,
        byte[]? Body, string? ContentType, bool SendLength, string Auth, string What)
    {
        public bool Conditional => Headers.Any(h => h.Name == "If-None-Match");
        public string Url => Path + Query;
    }

    /// <summary>Records the test made to be changed and deleted, so the bundled ones stay whole for reads.</summary>
    sealed record Disposables(Dictionary<string, string> ByTemplate);

    async Task<Disposables> CreateDisposableRecordsAsync(WriteApi api, Contract contract)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var post in contract.Operations.Where(o => o.Method == "POST" && o.Body is { Ndjson: false, Example: JsonObject }))
        {
            var item = post.Template + "/{id}";
            if (!contract.Operations.Any(o => o.Template == item && o.Method == "PUT")) continue;
            foreach (var purpose in new[] { "put", "del" })
            {
                var id = $"fuzz-{purpose}-{post.Template.Split('/')[^1]}";
                var body = post.Body!.Example.DeepClone().AsObject();
                body["id"] = id;
                var reply = await api.SendAsync(HttpMethod.Post, post.Template, WriteApi.Body(body.ToJsonString(), post.Body.ContentType));
                Assert.True(reply.Status == System.Net.HttpStatusCode.Created, $"Setting up {id} from the example of {post.Name}: {reply}");
                ids[$"{purpose}:{item}"] = id;
            }
        }
        return new Disposables(ids);
    }

    Probe Build(Target target, Contract contract, Disposables records, HashSet<Parameter> accepted, Keys keys, Random random)
    {
        var operation = target.Operation;
        var visit = target.Offset + target.Visits++;
        var what = new List<string>();

        // Every parameter starts valid: a required one always, an optional one now and then, from its example.
        var values = BaselineValues(operation, contract, records, p => accepted.Contains(p) && random.Next(10) < 3);
        if (operation.Parameters.FirstOrDefault(p => p.Name == "Idempotency-Key") is { } idempotency && random.Next(3) == 0)
            values[idempotency] = [new(NewGuid(random))];

        var (extraQuery, extraHeaders) = ("", new List<(string Name, string Value)>());
        if (target.Aim == Aim.Parameter) what.Add(MisstateParameter(target.Parameter!, operation, contract, values, visit, random));
        else if (target.Aim == Aim.Undeclared) (extraQuery, extraHeaders) = Undeclared(visit, what);

        var (path, query) = Compose(operation, values, extraQuery);
        var headers = values.Where(v => v.Key.In == "header").Select(v => (v.Key.Name, v.Value[0].Value!)).Concat(extraHeaders).ToList();
        var auth = Credentials(target, keys, visit, random);
        if (keys.Header(auth) is { } authorization) headers.Add(("Authorization", authorization));
        if (target.Aim == Aim.Auth) what.Add("the credentials");
        // A client that asks for something other than JSON still gets its errors as problem details.
        if (target.Aim != Aim.Undeclared && random.Next(10) == 0)
        {
            string[] accepts = ["application/xml", "text/html", "text/plain", "image/png", "application/json;q=0", "*/*;q=0", "application/problem+xml"];
            var accept = accepts[random.Next(accepts.Length)];
            headers.Add(("Accept", accept));
            what.Add("Accept: " + accept);
        }

        var (body, contentType, sendLength) = operation.Body is { } declared ? BodyOf(target, declared, values, visit, what) : (null, null, true);
        if (what.Count == 0) what.Add("valid");
        return new Probe(operation, path, query, headers, body, contentType, sendLength, auth, string.Join("; ", what));
    }

    /// <summary>Gives the parameter a bad value (or leaves it out, or gives it twice), and says what it did.</summary>
    static string MisstateParameter(Parameter parameter, Operation operation, Contract contract, Dictionary<Parameter, List<Text>> values,
        int visit, Random random)
    {
        var value = TextsFor(parameter, contract, operation.Method == "DELETE").Pick(visit);
        if (value == Text.Missing) values.Remove(parameter);
        else if (parameter.In == "query" && random.Next(8) == 0 && values.TryGetValue(parameter, out var given)) values[parameter] = [.. given, value];
        else values[parameter] = [value];
        return $"{parameter.In} {parameter.Name} = {value}" + (values.TryGetValue(parameter, out var all) && all.Count > 1 ? " (given twice)" : "");
    }

    /// <summary>
    /// A query part no operation declares, or a header this one does not: a conditional header where no 304
    /// or 412 is declared must not bring one.
    /// </summary>
    static (string Query, List<(string Name, string Value)> Headers) Undeclared(int visit, List<string> what)
    {
        string[] extras = ["colour=red", "Limit=5", "limit[]=1", "=x", "&&&", "x=%zz", "%zz=1", "q=*", "fields=id&fields=id", "%C3%28=1", "a=" + Huge,
            "H:If-None-Match:*", "H:If-Match:\"x\"", "H:If-Modified-Since:Sat, 01 Jan 2000 00:00:00 GMT", "H:Accept:application/xml",
            "H:X-HTTP-Method-Override:DELETE", "H:Content-Encoding:gzip", "H:Range:bytes=0-1"];
        var extra = extras[visit % extras.Length];
        if (extra.StartsWith("H:", StringComparison.Ordinal) && extra[2..].Split(':', 2) is [var name, var value])
        {
            what.Add($"header {name}: {value}");
            return ("", [(name, value)]);
        }
        what.Add($"query {(extra.Length > 60 ? extra[..20] + "…" : extra)}");
        return (extra, []);
    }

    /// <summary>Mostly the right key for a secured operation, so that the request reaches the checks behind it.</summary>
    static string Credentials(Target target, Keys keys, int visit, Random random) =>
        target.Aim == Aim.Auth ? keys.Variants[visit % keys.Variants.Length]
        : target.Operation.Secured ? random.Next(10) switch { < 7 => "write key", 7 => "admin key", 8 => "none", _ => keys.Variants[random.Next(keys.Variants.Length)] }
        : random.Next(10) == 0 ? keys.Variants[random.Next(keys.Variants.Length)] : "none";

    /// <summary>The body: valid, with one field given a bad value, or changed as a whole; and says what it did.</summary>
    static (byte[]? Body, string? ContentType, bool SendLength) BodyOf(Target target, Body declared, Dictionary<Parameter, List<Text>> values,
        int visit, List<string> what)
    {
        var root = BaselineBody(declared, values, target.Operation);
        if (target.Aim == Aim.Field && target.Field is { } field)
        {
            var fragment = FragmentsFor(field).Pick(visit);
            Place(root, field.Path, declared.Example, fragment.Bytes is null ? null : JsonValue.Create(Placeholder));
            what.Add($"body {field.Name} = {fragment.Name}");
            return (WithFragment(Serialize(root, declared), fragment.Bytes), declared.ContentType, true);
        }
        if (target.Aim != Aim.Shape) return (Serialize(root, declared), declared.ContentType, true);
        var shapes = declared.Ndjson ? NdjsonShapes : JsonShapes;
        var shape = shapes[visit % shapes.Length];
        what.Add($"body: {shape.Name}");
        return shape.Make(Serialize(root, declared), declared.ContentType);
    }

    /// <summary>The valid values of an operation's parameters: path ones always, required ones, and optional ones that <paramref name="include"/> picks.</summary>
    static Dictionary<Parameter, List<Text>> BaselineValues(Operation operation, Contract contract, Disposables records, Func<Parameter, bool> include)
    {
        var values = new Dictionary<Parameter, List<Text>>();
        foreach (var parameter in operation.Parameters)
        {
            if (parameter.In == "path") values[parameter] = [new(BaselinePathValue(operation, parameter, contract, records))];
            else if (parameter.In == "query" && (parameter.Required || include(parameter)) && ExampleTexts(parameter) is { Count: > 0 } example)
                values[parameter] = example;
        }
        return values;
    }

    /// <summary>The raw path and query: each {name} replaced by its value, percent-encoded unless the value is raw.</summary>
    static (string Path, string Query) Compose(Operation operation, Dictionary<Parameter, List<Text>> values, string extraQuery)
    {
        var path = operation.Template;
        foreach (var (parameter, texts) in values.Where(v => v.Key.In == "path"))
            path = path.Replace("{" + parameter.Name + "}", texts[0].Encoded, StringComparison.Ordinal);
        var query = string.Join("&", values.Where(v => v.Key.In == "query")
            .SelectMany(v => v.Value.Select(t => Uri.EscapeDataString(v.Key.Name) + "=" + t.Encoded))
            .Append(extraQuery).Where(p => p.Length > 0));
        return (path, query.Length == 0 ? "" : "?" + query);
    }

    /// <summary>
    /// The optional parameters of each read whose declared example the read accepts on its own, for the
    /// valid part of every request: an example that is refused would hide what the request gets wrong. Each
    /// refused example is a note on the contract.
    /// </summary>
    async Task<(HashSet<Parameter> Accepted, List<string> Notes)> CalibrateAsync(Contract contract, Disposables records, Keys keys)
    {
        var accepted = new HashSet<Parameter>();
        var refused = new List<(string Parameter, Operation Operation, Answer Answer)>();
        var notes = new List<string>();
        foreach (var operation in contract.Operations)
            foreach (var parameter in operation.Parameters.Where(p => p.In == "query" && !p.Required && p.Example is not null))
            {
                if (operation.Writes)
                {
                    accepted.Add(parameter); // a write's example is checked as part of its body's requests
                    continue;
                }
                var values = BaselineValues(operation, contract, records, p => p == parameter);
                var (path, query) = Compose(operation, values, "");
                var answer = await SendAsync(new Probe(operation, path, query, [], null, null, true, "none", "calibration"));
                if (answer.Status is >= 200 and < 300) accepted.Add(parameter);
                else refused.Add((parameter.Name, operation, answer));
            }
        foreach (var group in refused.GroupBy(r => (r.Parameter, r.Answer.Status)))
            notes.Add($"the example of '{group.Key.Parameter}' is refused ({group.Key.Status}) by {string.Join(", ", group.Select(r => r.Operation.Name))}; "
                + $"e.g. {Excerpt(ProblemDetail(group.First().Answer.Body), 160)}");

        // A body example a client copies should be accepted as it stands: a replacement or patch of a record of the test's.
        foreach (var operation in contract.Operations.Where(o => o.Method is "PUT" or "PATCH" && o.Body is { Ndjson: false }))
        {
            var values = BaselineValues(operation, contract, records, _ => false);
            var (path, query) = Compose(operation, values, "");
            var example = operation.Body!.MergePatch ? operation.Body.Declared : BaselineBody(operation.Body, values, operation);
            if (example is null) continue;
            var answer = await SendAsync(new Probe(operation, path, query, [("Authorization", keys.Header("write key")!)], Utf8(example.ToJsonString()),
                operation.Body.ContentType, true, "write key", "calibration"));
            if (answer.Status is not (>= 200 and < 300))
                notes.Add($"{operation.Name}: its request example {Excerpt(example.ToJsonString(), 80)} is refused ({answer.Status}): {Excerpt(ProblemDetail(answer.Body), 200)}");
        }
        return (accepted, notes);
    }

    static string BaselinePathValue(Operation operation, Parameter parameter, Contract contract, Disposables records)
    {
        // Changes and deletions go to records the test made, so reads keep the bundled ones to reach deep with.
        var purpose = operation.Method switch { "PUT" or "PATCH" => "put", "DELETE" => "del", _ => null };
        if (purpose is not null && records.ByTemplate.TryGetValue($"{purpose}:{operation.Template}", out var id)) return id;
        if (parameter.Example is JsonValue example) return example.ToString();
        var prefix = operation.Template[..(operation.Template.IndexOf("{" + parameter.Name + "}", StringComparison.Ordinal) + parameter.Name.Length + 2)];
        var sibling = contract.Operations.SelectMany(o => o.Parameters.Select(p => (o, p)))
            .FirstOrDefault(x => x.o.Template.StartsWith(prefix, StringComparison.Ordinal) && x.p.Name == parameter.Name && x.p.Example is JsonValue);
        if (sibling.p is not null) return sibling.p.Example!.ToString();
        return parameter.Name == "name" ? RevocableKeyName : "fuzz-unknown";
    }

    static string ProblemDetail(string body)
    {
        try { return JsonNode.Parse(body)?["detail"]?.ToString() ?? body; }
        catch (System.Text.Json.JsonException) { return body; }
    }

    static List<Text> ExampleTexts(Parameter parameter) => parameter.Example switch
    {
        JsonArray array => array.Select(v => new Text(Plain(v))).ToList(),
        JsonNode value => [new(Plain(value))],
        null => EnumOf(parameter.Schema).Take(1).Select(v => new Text(v)).ToList(),
    };

    static string Plain(JsonNode? value) => value is JsonValue v && v.TryGetValue<bool>(out var b) ? (b ? "true" : "false") : value?.ToString() ?? "";

    static string NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    /// <summary>
    /// The valid body the mutation starts from: the declared example (a PUT's with the URL's id); an empty
    /// merge patch, which changes nothing; the example's NDJSON lines.
    /// </summary>
    static JsonNode BaselineBody(Body body, Dictionary<Parameter, List<Text>> values, Operation operation)
    {
        if (body.MergePatch) return new JsonObject();
        var root = body.Example.DeepClone();
        if (root is JsonObject record && record.ContainsKey("id")
            && values.FirstOrDefault(v => v.Key.In == "path" && v.Key.Name == "id").Value is [{ Value: { } id }] && operation.Method == "PUT")
            record["id"] = id;
        return root;
    }

    /// <summary>
    /// Sets the value at a field's path, making the objects and arrays on the way (from the example where it
    /// has them, so that the rest of a nested part stays valid); a null value leaves the field out.
    /// </summary>
    static void Place(JsonNode root, object[] path, JsonNode example, JsonNode? value)
    {
        var current = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            var next = ChildOf(current, path[i]);
            if (next is not (JsonObject or JsonArray))
            {
                var found = Follow(example, path[..(i + 1)]);
                next = found is JsonObject or JsonArray ? found.DeepClone() : path[i + 1] is int ? new JsonArray() : new JsonObject();
                SetChild(current, path[i], next);
            }
            current = next;
        }
        if (value is not null) SetChild(current, path[^1], value);
        else if (current is JsonObject obj) obj.Remove((string)path[^1]);
        else if (current is JsonArray array && (int)path[^1] < array.Count) array.RemoveAt((int)path[^1]);
    }

    static JsonNode? ChildOf(JsonNode node, object key) => (node, key) switch
    {
        (JsonObject obj, string name) => obj[name],
        (JsonArray array, int index) when index < array.Count => array[index],
        _ => null,
    };

    static JsonNode? Follow(JsonNode? node, object[] path)
    {
        foreach (var key in path)
            node = node is null ? null : ChildOf(node, key);
        return node;
    }

    static void SetChild(JsonNode node, object key, JsonNode value)
    {
        switch (node, key)
        {
            case (JsonObject obj, string name):
                obj[name] = value;
                break;
            case (JsonArray array, int index):
                while (array.Count <= index) array.Add(null);
                array[index] = value;
                break;
        }
    }

    static byte[] Serialize(JsonNode root, Body body) => body.Ndjson && root is JsonArray lines
        ? Utf8(string.Concat(lines.Select(l => l!.ToJsonString() + "\n")))
        : Utf8(root.ToJsonString());

    static byte[] WithFragment(byte[] body, byte[]? fragment)
    {
        if (fragment is null) return body;
        var at = IndexOf(body, Utf8("\"" + Placeholder + "\""));
        return at < 0 ? body : [.. body[..at], .. fragment, .. body[(at + Placeholder.Length + 2)..]];
    }

    // ---------------------------------------------------------------- sending and judging

    sealed record Answer(int Status, string? MediaType, string Body, string? Error = null);

    /// <summary>
    /// Sends the request through the test server as built, byte for byte: an HttpClient would re-encode
    /// <c>%</c> and <c>%zz</c> (to <c>%25</c>), so the path and query are set on the request as a server reads them.
    /// </summary>
    async Task<Answer> SendAsync(Probe probe)
    {
        sent++;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var context = await factory.Server.SendAsync(c =>
            {
                c.Request.Method = probe.Operation.Method;
                c.Request.Path = PathString.FromUriComponent(probe.Path);
                c.Request.QueryString = probe.Query.Length == 0 ? QueryString.Empty : new QueryString(probe.Query);
                foreach (var (name, value) in probe.Headers) c.Request.Headers.Append(name, value);
                if (probe.ContentType is not null) c.Request.ContentType = probe.ContentType;
                if (probe.Body is not null)
                {
                    c.Request.Body = new MemoryStream(probe.Body, writable: false);
                    if (probe.SendLength) c.Request.ContentLength = probe.Body.Length;
                }
            }, timeout.Token);
            using var reader = new StreamReader(context.Response.Body);
            var text = await reader.ReadToEndAsync(timeout.Token);
            var mediaType = context.Response.ContentType?.Split(';')[0].Trim();
            return new Answer(context.Response.StatusCode, mediaType, text);
        }
        catch (Exception e)
        {
            return new Answer(0, null, "", e.GetType().Name + ": " + e.Message + " " + e.StackTrace?.Split('\n')[0].Trim());
        }
    }

    /// <summary>What is wrong with an answer: nothing, for a declared status with a problem for every 4xx and no write behind a refusal.</summary>
    static IEnumerable<string> Misbehaviour(Probe probe, Answer answer, Contract contract, string? before, string? after)
    {
        if (answer.Error is not null)
        {
            yield return "no answer: " + answer.Error;
            yield break;
        }
        var status = answer.Status;
        if (status >= 500) yield return $"{status}: a server error";
        if (status is >= 400 and < 500)
        {
            if (answer.MediaType == "text/html" && probe.Operation.HtmlStatuses.Contains(status)) { }
            else if (answer.MediaType != "application/problem+json")
                yield return $"{status} with Content-Type {answer.MediaType ?? "(none)"}, not application/problem+json";
            else if (!IsProblem(answer.Body, status))
                yield return $"{status}: the problem's body is not a JSON object with status {status}";
        }
        if (status < 500)
        {
            var allowed = Allowed(probe, contract);
            if (!allowed.Contains(status))
                yield return $"{status} is not declared for {probe.Operation.Name} (declared: {string.Join(", ", allowed)})";
            if (status == 304 && !probe.Conditional) yield return "304 without If-None-Match";
        }
        if (before is not null && before != after)
            yield return $"refused with {status}, but the data changed: before {before}; after {after}";
    }

    /// <summary>
    /// The statuses an answer may have: those declared by the operations the path actually reaches with this
    /// method (an odd id can reach another route), 405 when it reaches a route only by other methods, 404
    /// when it reaches none; 304 only for a request with If-None-Match.
    /// </summary>
    static List<int> Allowed(Probe probe, Contract contract)
    {
        var decoded = PathString.FromUriComponent(probe.Path).Value ?? "/";
        var reached = contract.Matching(decoded, probe.Operation.Method);
        var allowed = reached.Count > 0 ? reached.SelectMany(o => o.Statuses).Distinct().Order().ToList()
            : contract.Matching(decoded, null).Count > 0 ? [405] : [404];
        if (!probe.Conditional) allowed.Remove(304);
        if (!reached.Any(o => o.Secured)) allowed.RemoveAll(s => s is 401 or 403); // a public read never asks for a key
        return allowed;
    }

    static bool IsProblem(string body, int status)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject problem && problem["status"] is JsonValue value
                && value.TryGetValue<int>(out var stated) && stated == status;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    sealed record Failure(Probe Probe, Answer Answer, string Reason)
    {
        public string Kind => $"{Probe.Operation.Name} → {System.Text.RegularExpressions.Regex.Replace(Reason, @"before .*", "…")}";

        public override string ToString()
        {
            var body = Probe.Body is null ? "" : $"\n    body ({Probe.ContentType ?? "no content type"}, {Probe.Body.Length} bytes"
                + (Probe.SendLength ? "" : ", no Content-Length") + $"): {Excerpt(Encoding.UTF8.GetString(Probe.Body), 160)}";
            return $"{Probe.Operation.Method} {Excerpt(Probe.Url, 200)} [{Probe.What}; credentials: {Probe.Auth}]{body}"
                + $"\n    → {Reason}\n    answer: {Excerpt(Answer.Body, 240)}";
        }
    }

    static string Excerpt(string text, int length) =>
        text.Length <= length ? text : text[..length] + $"…({text.Length} chars)";

    static string Report(List<Failure> failures, int seed, int count)
    {
        if (failures.Count == 0) return $"No misbehaviour in {count} requests (seed {seed}).";
        var report = new StringBuilder()
            .AppendLine($"{failures.Count} misbehaviours in {count} requests (seed {seed}; replay with FUZZ_SEED={seed}).")
            .AppendLine("By kind:");
        foreach (var group in failures.GroupBy(f => f.Kind).OrderByDescending(g => g.Count()))
            report.AppendLine($"  {group.Count()}× {group.Key}");
        // One of each kind first, so that a kind that is rare is not hidden behind a common one.
        var shown = failures.GroupBy(f => f.Kind).Select(g => g.First()).Concat(failures).Distinct().Take(FailuresShown).ToList();
        report.AppendLine($"{shown.Count} of them, one of each kind first:");
        foreach (var failure in shown)
            report.AppendLine("  " + failure);
        return report.ToString();
    }
}
