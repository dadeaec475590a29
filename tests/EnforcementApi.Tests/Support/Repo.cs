namespace EnforcementApi.Tests.Support;

/// <summary>Files of the repository that tests read: the checked-in contract, the bundled corpus.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EnforcementApi.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (EnforcementApi.sln) above " + AppContext.BaseDirectory);
    }
}
