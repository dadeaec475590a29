// Writes a benchmark database: the real migrations, then N figures, N statements and N events with the
// sources, entities and citations they refer to, shaped like the bundled records. The same seed and N
// always give the same database.
//
//   dotnet run --project bench/Generator -c Release -- --out bench/data/bench.db --records 100000 --seed 42
//   ... --records 1000000 --others 20000     (a million figures, 20,000 statements and events)

using System.Diagnostics;
using System.Globalization;
using EnforcementApi.Bench;

// An explicit entry point: a top-level one would be a public Program, which clashes with the API's in
// the test project that references both.
static class GeneratorProgram
{
    static int Main(string[] args)
    {
        var options = Options.Parse(args);
        if (File.Exists(options.Out))
        {
            Console.Error.WriteLine($"{options.Out} exists; delete it first or choose another --out.");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        BenchDatabase.Write(options.Out, options.Records, options.Seed, Console.Out, options.Others);
        Console.WriteLine($"Wrote {options.Out}: {options.Records:N0} figures, {options.Others ?? options.Records:N0} statements and as many events in {clock.Elapsed.TotalSeconds:F0} s.");
        return 0;
    }
}

sealed record Options(string Out, int Records, int Seed, int? Others)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new Options(
            Value("--out", "bench/data/bench.db"),
            int.Parse(Value("--records", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--seed", "42"), CultureInfo.InvariantCulture),
            Value("--others", "") is { Length: > 0 } others ? int.Parse(others, CultureInfo.InvariantCulture) : null);
    }
}
