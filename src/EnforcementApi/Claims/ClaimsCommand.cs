using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EnforcementApi.Data;

namespace EnforcementApi.Claims;

/// <summary>
/// <c>claims evaluate</c>: how often the check's verdicts agree with the checked-in set's, and how long a check of a
/// 100-word text takes (the whole check, as the endpoint runs it: the database's reads, the pipeline and the comparison).
/// </summary>
public static class ClaimsCommand
{
    public static Command Create(Func<Db> db)
    {
        var set = new Option<FileInfo>("--set")
        {
            Description = "The claim set (JSON).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(RepositoryRoot(), "tests", "EnforcementApi.Tests", "Claims", "claim-set.json")),
        };
        var repeat = new Option<int>("--repeat") { Description = "How many times the 100-word text is checked for the timing.", DefaultValueFactory = _ => 200 };
        var evaluate = new Command("evaluate", "Score the claims check against the claim set, and time it on a 100-word text.") { set, repeat };
        evaluate.SetAction(async (result, ct) =>
        {
            var file = result.GetValue(set)!;
            if (!file.Exists && !Path.IsPathRooted(file.ToString())) file = new FileInfo(Path.Combine(RepositoryRoot(), file.ToString()));
            if (!file.Exists)
            {
                Console.Error.WriteLine($"No claim set at {file.FullName}; run from the repository root or pass --set.");
                return 2;
            }
            var claims = ClaimSet.Load(file.FullName).Claims;
            var database = db();
            using var cache = new QueryCache(database);
            var (agreed, total, real, realAgreed) = (0, 0, 0, 0);
            Console.WriteLine($"{"claim",-58} {"number",-10} {"expected",-15} {"checked",-15}");
            foreach (var claim in claims)
            {
                var report = await ClaimsApi.CheckAsync(database, cache, claim.Text, 0.02m, DateOnly.ParseExact(claim.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture), ct);
                foreach (var expected in claim.Expect)
                {
                    var got = ClaimSet.VerdictOf(report, expected.Number);
                    var same = got == expected.Verdict;
                    (agreed, total) = (agreed + (same ? 1 : 0), total + 1);
                    if (claim.Written is null) (realAgreed, real) = (realAgreed + (same ? 1 : 0), real + 1);
                    Console.WriteLine($"{claim.Id,-58} {expected.Number,-10} {Json.Wire<ClaimVerdict>.Name(expected.Verdict),-15} {(got is { } g ? Json.Wire<ClaimVerdict>.Name(g) : "(not read)"),-15}{(same ? "" : "  DISAGREE")}");
                }
            }
            static string P(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
            Console.WriteLine($"agreement: {P((double)agreed / total)} ({agreed} of {total} verdicts; real claims {realAgreed} of {real}, written to test rules {agreed - realAgreed} of {total - real}) in {claims.Count} texts");

            // A 100-word text: the set's real claims one after another, cut at the 100th word.
            var words = claims.Where(c => c.Written is null)
                .SelectMany(c => c.Text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Take(100).ToList();
            var text = string.Join(' ', words);
            var asOf = new DateOnly(2025, 6, 1);
            for (var i = 0; i < 10; i++) await ClaimsApi.CheckAsync(database, cache, text, 0.02m, asOf, ct);
            var runs = new List<double>();
            var repeats = Math.Max(1, result.GetValue(repeat));
            ClaimReport? last = null;
            for (var i = 0; i < repeats; i++)
            {
                var clock = Stopwatch.StartNew();
                last = await ClaimsApi.CheckAsync(database, cache, text, 0.02m, asOf, ct);
                runs.Add(clock.Elapsed.TotalMilliseconds);
            }
            runs.Sort();
            Console.WriteLine($"text of {words.Count} words ({last!.Claims.Count} claims): p50 {P(runs[runs.Count / 2])} ms, p95 {P(runs[(int)(runs.Count * 0.95)])} ms, max {P(runs[^1])} ms over {repeats} checks");
            return 0;
        });
        return new Command("claims", "The claims check: a text's numbers against the record.") { evaluate };
    }

    /// <summary>The checkout the command runs in (dotnet run starts in the project's folder), found by its solution file.</summary>
    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EnforcementApi.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
