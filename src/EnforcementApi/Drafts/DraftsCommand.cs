using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using EnforcementApi.Data;
using EnforcementApi.Drafts.Pipeline;

namespace EnforcementApi.Drafts;

/// <summary>
/// <c>drafts evaluate</c>: the pipeline's quality on the hand-annotated evaluation set (precision and
/// recall of figures and quotations, attribution of quotations) and its speed, per text and in all.
/// </summary>
public static class DraftsCommand
{
    static IEnumerable<T> Cycle<T>(this IReadOnlyList<T> items)
    {
        while (true) foreach (var item in items) yield return item;
    }

    public static Command Create(Func<Db> db)
    {
        var set = new Option<DirectoryInfo>("--set")
        {
            Description = "The folder of annotations (<text>.json).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(RepositoryRoot(), "tests", "EnforcementApi.Tests", "Drafts", "Evaluation")),
        };
        var corpus = new Option<DirectoryInfo>("--corpus")
        {
            Description = "The folder of the texts (<text>.txt).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(RepositoryRoot(), "db", "corpus")),
        };
        var repeat = new Option<int>("--repeat") { Description = "How many times each text is drafted for the timing.", DefaultValueFactory = _ => 200 };
        var verbose = new Option<bool>("--misses") { Description = "List every figure and quotation missed or extra." };
        var evaluate = new Command("evaluate", "Score the draft pipeline against the hand-annotated evaluation set, and time it.") { set, corpus, repeat, verbose };
        evaluate.SetAction(async (result, ct) =>
        {
            // dotnet run starts in the project's folder: a relative path is taken from the repository's root.
            DirectoryInfo FromRoot(DirectoryInfo dir) => Path.IsPathRooted(result.Tokens.Count > 0 ? dir.ToString() : dir.FullName) && dir.Exists
                ? dir : new DirectoryInfo(Path.Combine(RepositoryRoot(), dir.ToString()));
            var (setDir, corpusDir) = (FromRoot(result.GetValue(set)!), FromRoot(result.GetValue(corpus)!));
            if (!setDir.Exists || !corpusDir.Exists)
            {
                Console.Error.WriteLine($"No evaluation set at {setDir.FullName} or no corpus at {corpusDir.FullName}; run from the repository root or pass --set and --corpus.");
                return 2;
            }
            await using var connection = await db().OpenAsync(ct);
            var (entities, metrics) = await Vocabulary.LoadAsync(connection, ct);
            var texts = DraftEvaluation.Load(setDir.FullName, corpusDir.FullName);
            var scores = texts.Select(t => DraftEvaluation.Score(t, entities, metrics)).ToList();
            var total = EvaluationScore.Total(scores);

            static string P(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
            // "fig R" counts percentages among the figures; "R no %" leaves them out, as the sets annotated before issue 28 did.
            Console.WriteLine($"{"text",-62} {"fig P",6} {"fig R",6} {"R no %",6} {"quo P",6} {"quo R",6} {"attr",6} {"offset",6}  gold figures (%)/quotes");
            foreach (var s in scores.Append(total))
                Console.WriteLine($"{s.Name,-62} {P(s.FigurePrecision),6} {P(s.FigureRecall),6} {P(s.CountRecall),6} {P(s.QuotePrecision),6} {P(s.QuoteRecall),6} {P(s.Attribution),6} {s.OffsetErrors,6}  {s.GoldFigures} ({s.GoldPercents})/{s.GoldQuotes}");

            // Speed: each text drafted many times after a warm-up, reported per 1,000 words.
            var repeats = Math.Max(1, result.GetValue(repeat));
            foreach (var t in texts) Drafter.Run(t.Text, "warm-up", null, entities, metrics);
            var times = new List<double>();
            foreach (var t in texts)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < repeats; i++) Drafter.Run(t.Text, "timing", null, entities, metrics);
                var words = t.Text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
                times.Add(clock.Elapsed.TotalMilliseconds / repeats / words * 1000);
            }
            times.Sort();
            Console.WriteLine($"speed: {P(times[times.Count / 2])} ms per 1,000 words at the median text, {P(times[^1])} ms at the slowest ({repeats} runs of each of {texts.Count} texts, {entities.Count} entities known)");

            // A 1,000-word article: the set's texts one after another, cut at the first paragraph past 1,000 words.
            var paragraphs = new List<string>();
            var articleWords = 0;
            foreach (var paragraph in texts.Cycle().SelectMany(t => t.Text.Split('\n')))
            {
                if (articleWords >= 1000) break;
                paragraphs.Add(paragraph);
                articleWords += paragraph.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
            }
            var text = string.Join('\n', paragraphs);
            var runs = new List<double>();
            for (var i = 0; i < repeats; i++)
            {
                var clock = Stopwatch.StartNew();
                Drafter.Run(text, "timing", null, entities, metrics);
                runs.Add(clock.Elapsed.TotalMilliseconds);
            }
            runs.Sort();
            var wordCount = text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
            Console.WriteLine($"article of {wordCount} words: p50 {P(runs[runs.Count / 2])} ms, p95 {P(runs[(int)(runs.Count * 0.95)])} ms, max {P(runs[^1])} ms over {repeats} runs");
            if (result.GetValue(verbose))
                foreach (var miss in total.Misses) Console.WriteLine("  " + miss);
            return 0;
        });
        return new Command("drafts", "The draft pipeline: records proposed from a source's text.") { evaluate };
    }

    /// <summary>The checkout the command runs in (dotnet run starts in the project's folder), found by its solution file.</summary>
    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EnforcementApi.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
