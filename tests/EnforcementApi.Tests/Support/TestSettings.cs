using System.Runtime.CompilerServices;

namespace EnforcementApi.Tests.Support;

/// <summary>Settings every app the tests start shares, through the environment (in-process and child processes).</summary>
internal static class TestSettings
{
    /// <summary>
    /// The tests send thousands of requests a minute from one address; the rate limits a public
    /// deployment needs would refuse them. The rate-limit tests set their own small limits.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseRateLimits()
    {
        Environment.SetEnvironmentVariable("Limits__ReadsPerMinute", "10000000");
        Environment.SetEnvironmentVariable("Limits__WritesPerMinute", "10000000");
    }

    /// <summary>
    /// Most tests work on records they make themselves, beside the seed article's: the bundled dataset
    /// (hundreds of figures) would only stand in their way, and importing it costs every test class its
    /// time. The tests of the dataset itself start the app with it (<see cref="DatasetApiFactory"/>).
    /// </summary>
    [ModuleInitializer]
    internal static void LeaveOutTheBundledDataset() =>
        Environment.SetEnvironmentVariable("Database__LoadBundledDatasets", "false");
}
