using System.Diagnostics;

namespace EnforcementApi.Tests.Browser;

/// <summary>
/// Where the browser tests find Chromium. Playwright's own browser download needs the internet, which
/// this project's machines lack; Debian's <c>chromium</c> package is the one we use, the way .ci/run
/// installs it. A machine without it gets it installed on first use, once per test run.
/// </summary>
public static class Chromium
{
    public const string PathVariable = "CHROMIUM_PATH";

    static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    static readonly string InstallCommand = "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium";

    static readonly Lazy<string> Executable = new(FindOrInstall);

    /// <summary>The path of the Chromium executable; throws, saying what to install, when there is none and none could be installed.</summary>
    public static string ExecutablePath => Executable.Value;

    /// <summary>
    /// The switches a headless Chromium needs here. The tests run as root in a container, where
    /// Chromium refuses to start with its sandbox (and user namespaces for it are often not allowed):
    /// --no-sandbox. A container's /dev/shm is often 64 MB, too small for a renderer's shared memory,
    /// and Debian's launcher's own check for that misreads some mounts: --disable-dev-shm-usage.
    /// </summary>
    public static readonly string[] LaunchArguments = ["--no-sandbox", "--disable-dev-shm-usage"];

    static string FindOrInstall()
    {
        var chosen = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(chosen))
            return File.Exists(chosen) ? chosen
                : throw new InvalidOperationException($"{PathVariable} is '{chosen}', but there is no file there. Point it at a Chromium executable, or unset it to use Debian's chromium ({string.Join(" or ", KnownPaths)}).");

        if (Installed() is { } found) return found;
        var attempt = TryInstall();
        return Installed() ?? throw new InvalidOperationException(
            $"The browser tests need Chromium, and none was found ({PathVariable} unset; no {string.Join(", no ", KnownPaths)}). " +
            $"Install Debian's package as root: apt-get install chromium (or set {PathVariable} to a Chromium executable). " +
            $"Installing it automatically failed: {attempt ?? "apt-get said it installed chromium, yet none of those paths exists."}");
    }

    static string? Installed() => KnownPaths.FirstOrDefault(File.Exists);

    /// <summary>Like .ci/run does for Node.js: apt-get as root, else through sudo without a password. Null when it worked, else why not.</summary>
    static string? TryInstall()
    {
        if (!OperatingSystem.IsLinux()) return "this is not Linux, so there is no apt-get to try.";
        var direct = Run("sh", "-c", InstallCommand);
        if (direct.ExitCode == 0) return null;
        var sudo = Run("sudo", "-n", "sh", "-c", InstallCommand);
        return sudo.ExitCode == 0 ? null : $"apt-get: {direct.Summary}; sudo -n: {sudo.Summary}";
    }

    sealed record Outcome(int ExitCode, string Summary);

    static Outcome Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close(); // nothing may wait on a prompt
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            // Downloading and unpacking Chromium takes a minute or two; a hung package manager should not hang the run.
            if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
            {
                process.Kill(entireProcessTree: true);
                return new(-1, "timed out after 10 minutes");
            }
            var said = (error.Result + output.Result).Trim();
            return new(process.ExitCode, $"exit code {process.ExitCode}{(said.Length > 0 ? ", " + LastLine(said) : "")}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new(-1, $"{file} could not be started (not installed?)");
        }
    }

    static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
}
