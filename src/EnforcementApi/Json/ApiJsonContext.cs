using System.Text.Json;
using System.Text.Json.Serialization;
using EnforcementApi.Bulk;
using EnforcementApi.Changes;
using EnforcementApi.Entities;
using EnforcementApi.Events;
using EnforcementApi.Figures;
using EnforcementApi.Querying;
using EnforcementApi.Search;
using EnforcementApi.Sources;
using EnforcementApi.Statements;
using EnforcementApi.Writes;

namespace EnforcementApi.Json;

/// <summary>
/// Serialization code generated at build time for what the reads send, instead of metadata built by
/// reflection when a type is first sent: less work at start and on the first request of each kind.
/// The options stay those of <see cref="ApiJson"/> (its converters apply); types not listed here fall
/// back to reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Page<Figure>))]
[JsonSerializable(typeof(Page<Statement>))]
[JsonSerializable(typeof(Page<Event>))]
[JsonSerializable(typeof(Page<Entity>))]
[JsonSerializable(typeof(Page<Source>))]
[JsonSerializable(typeof(Page<SearchHit>))]
[JsonSerializable(typeof(Page<Revision>))]
[JsonSerializable(typeof(FeedPage))]
[JsonSerializable(typeof(PaceReport))]
[JsonSerializable(typeof(DiscrepancyReport))]
[JsonSerializable(typeof(SeriesReport))]
[JsonSerializable(typeof(Claims.ClaimReport))]
[JsonSerializable(typeof(ImportResult))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
