using System.CommandLine;
using System.Globalization;

namespace EnforcementApi.Auth;

/// <summary>
/// <c>keys create|list|revoke</c>: managing API keys from the command line, on the database the
/// app is configured with. A new key is printed alone on the last line of standard output.
/// </summary>
public static class KeysCommand
{
    public static Command Create(Func<ApiKeys> keys)
    {
        var name = new Option<string>("--name") { Description = "The key's name: letters, digits, '.', '_' or '-'; it is recorded with every write made with the key.", Required = true };
        var scope = new Option<KeyScope>("--scope") { Description = "write: create, change and delete records. admin: also what needs administration.", DefaultValueFactory = _ => KeyScope.Write };
        var create = new Command("create", "Create a key and print it (the only time it is shown).") { name, scope };
        create.SetAction(result =>
        {
            var store = keys();
            var keyName = result.GetValue(name)!;
            if (keyName.Length is 0 or > 100 || !keyName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                Console.Error.WriteLine("--name must be 1 to 100 letters, digits, '.', '_' or '-'.");
                return 2;
            }
            if (store.Exists(keyName))
            {
                Console.Error.WriteLine($"A key named '{keyName}' exists already; revoke it or choose another name.");
                return 2;
            }
            var key = store.Create(keyName, result.GetValue(scope));
            Console.WriteLine($"Created key '{keyName}' with scope {result.GetValue(scope).ToString().ToLowerInvariant()}. It is shown once; store it now:");
            Console.WriteLine(key);
            return 0;
        });

        var list = new Command("list", "List the keys: names, scopes, when created and last used; never the keys.");
        list.SetAction(_ =>
        {
            Console.WriteLine("name\tscope\tcreated\tlast used\trevoked");
            foreach (var k in keys().List())
                Console.WriteLine(string.Join('\t', k.Name, k.Scope.ToString().ToLowerInvariant(), Format(k.CreatedAt), Format(k.LastUsedAt), Format(k.RevokedAt)));
            return 0;
        });

        var revokeName = new Option<string>("--name") { Description = "The name of the key to revoke.", Required = true };
        var revoke = new Command("revoke", "Revoke a key: requests with it are refused from now on.") { revokeName };
        revoke.SetAction(result =>
        {
            var keyName = result.GetValue(revokeName)!;
            if (keys().Revoke(keyName))
            {
                Console.WriteLine($"Revoked key '{keyName}'.");
                return 0;
            }
            Console.Error.WriteLine($"No live key is named '{keyName}'.");
            return 2;
        });

        return new Command("keys", "Manage the API keys that writes need.") { create, list, revoke };
    }

    static string Format(DateTimeOffset? time) =>
        time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
