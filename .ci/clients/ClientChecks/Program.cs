using ClientChecks;

// dotnet ClientChecks.dll kiota|nswag|corpus BASE_URL WRITE_KEY ADMIN_KEY [API_URL CONTRACT] (corpus: BASE_URL is Prism's)
// Prints one line per check and exits 1 when any failed; run.sh runs each mode against a live API.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: ClientChecks kiota|nswag|corpus BASE_URL WRITE_KEY ADMIN_KEY [CONTRACT]");
    return 2;
}
var (mode, baseUrl, writeKey, adminKey) = (args[0], args[1].TrimEnd('/'), args[2], args[3]);
var check = new Check(mode);
try
{
    switch (mode)
    {
        case "kiota": await KiotaCheck.RunAsync(check, baseUrl, writeKey, adminKey); break;
        case "nswag": await NswagCheck.RunAsync(check, baseUrl, writeKey); break;
        case "corpus": await Corpus.RunAsync(check, baseUrl, args[4], writeKey, adminKey, args.Length > 5 ? args[5] : "openapi/enforcement-api.v1.json"); break;
        default: Console.Error.WriteLine("unknown mode " + mode); return 2;
    }
}
catch (Exception e)
{
    check.That("no exception: " + e.GetType().Name + ": " + e.Message.Split('\n')[0], false);
    Console.Error.WriteLine(e);
}
Console.WriteLine($"{mode}: {check.Passed} passed, {check.Failed} failed");
return check.Failed == 0 && check.Passed > 0 ? 0 : 1;

namespace ClientChecks
{
    /// <summary>Counts and prints each check.</summary>
    sealed class Check(string mode)
    {
        public int Passed { get; private set; }
        public int Failed { get; private set; }

        public void That(string what, bool ok)
        {
            if (ok) Passed++;
            else Failed++;
            Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {mode}: {what}");
        }
    }
}
