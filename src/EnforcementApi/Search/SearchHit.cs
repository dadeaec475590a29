using System.ComponentModel;
using EnforcementApi.Data;
using EnforcementApi.Querying;

namespace EnforcementApi.Search;

/// <summary>A record that matches a search, with why it matched.</summary>
[SelectableFields]
public sealed record SearchHit(
    [property: Description("The kind of record.")] RecordType Type,
    [property: Description("The record's id.")] string Id,
    [property: Description("A short readable name for the record: a title, a name, a figure with its value, a speaker with the first words of the statement.")] string Label,
    [property: Description("Where the record matched: a fragment of its text or of an excerpt citing it, HTML-escaped, with each matched term in <mark>…</mark>.")] string Snippet,
    [property: Description("Relevance (BM25 on SQLite, ts_rank on PostgreSQL), higher is better: title and name weigh most, then the record's own text, then citation excerpts. Comparable only within one search.")] double Score,
    [property: Description("Where the record itself is: its URL in this API.")] string Href);
