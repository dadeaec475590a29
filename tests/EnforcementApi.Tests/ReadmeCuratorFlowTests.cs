using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnforcementApi.Auth;
using EnforcementApi.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EnforcementApi.Tests;

/// <summary>
/// The README's curator flow ("Curating records"), its commands read from the README itself and sent in
/// order against a first start, as a newcomer pasting them would: each answers as the README says.
/// </summary>
public sealed partial class ReadmeCuratorFlowTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    readonly HttpClient client = factory.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>One shell command of the block: its words, quotes removed, with the quoting each word had.</summary>
    sealed record Word(string Text, bool DoubleQuoted);

    /// <summary>The sh block that starts with the key's creation, split into commands (a line, its continuations and open quotes).</summary>
    static List<List<Word>> FlowCommands()
    {
        var readme = File.ReadAllText(Repo.PathOf("README.md"));
        var block = FlowBlock().Match(readme);
        Assert.True(block.Success, "README has no sh block starting with '# 1. Create a key'");
        var text = block.Groups["body"].Value;

        var commands = new List<List<Word>>();
        var words = new List<Word>();
        var word = new StringBuilder();
        var (inWord, doubleQuoted) = (false, false);
        void EndWord()
        {
            if (inWord) words.Add(new Word(word.ToString(), doubleQuoted));
            word.Clear();
            (inWord, doubleQuoted) = (false, false);
        }
        void EndCommand()
        {
            EndWord();
            if (words.Count > 0) commands.Add(words);
            words = [];
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'' || c == '"')
            {
                var end = text.IndexOf(c, i + 1);
                word.Append(text, i + 1, end - i - 1);
                inWord = true;
                doubleQuoted |= c == '"';
                i = end;
            }
            else if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            else if (c == '#' && !inWord)
            {
                while (i + 1 < text.Length && text[i + 1] != '\n') i++;
            }
            else if (c == '\n') EndCommand();
            else if (char.IsWhiteSpace(c)) EndWord();
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        EndCommand();
        return commands;
    }

    [Fact]
    public async Task The_readme_curator_flow_runs_as_written_and_each_step_answers_as_the_readme_says()
    {
        var commands = FlowCommands();
        var variables = new Dictionary<string, string>();
        string? lastCursor = null, created = null;
        var sent = new List<(string Method, string Path, HttpStatusCode Status)>();

        foreach (var command in commands)
        {
            var first = command[0].Text;
            if (first.StartsWith("KEY=$(dotnet"))
            {
                // The CLI's keys create, done in process: the same store, name and scope the README gives.
                var name = command[command.FindIndex(w => w.Text == "--name") + 1].Text;
                var scope = command[command.FindIndex(w => w.Text == "--scope") + 1].Text;
                variables["KEY"] = factory.Services.GetRequiredService<ApiKeys>().Create(name, Enum.Parse<KeyScope>(scope, ignoreCase: true));
                continue;
            }
            if (first == "dotnet") continue; // the key list, shown on the command line (BulkCommandTests and KeysCommandTests run the CLI)

            var capture = Capture().Match(first);
            var words = capture.Success ? command.Skip(1).TakeWhile(w => w.Text != "|").ToList() : command.Skip(1).ToList();
            Assert.True(capture.Success || first == "curl", $"a command the flow does not know: {string.Join(' ', command.Select(w => w.Text))}");

            var (method, url, body) = ("GET", (string?)null, (string?)null);
            using var request = new HttpRequestMessage();
            var headers = new List<(string Name, string Value)>();
            for (var i = 0; i < words.Count; i++)
            {
                var w = words[i];
                var value = w.DoubleQuoted ? Variable().Replace(w.Text, m => variables[m.Groups[1].Value]) : w.Text;
                switch (value)
                {
                    case "-X": method = words[++i].Text; break;
                    case "-H":
                        var header = words[++i];
                        var line = header.DoubleQuoted ? Variable().Replace(header.Text, m => variables[m.Groups[1].Value]) : header.Text;
                        var colon = line.IndexOf(':');
                        headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
                        break;
                    case "-d": body = words[++i].Text; break;
                    case "-i" or "-si" or "-s": break;
                    default:
                        Assert.StartsWith("http://localhost:5080/", value);
                        url = value["http://localhost:5080".Length..].Replace("PASTE_nextCursor_HERE", Uri.EscapeDataString(lastCursor ?? ""));
                        break;
                }
            }
            Assert.NotNull(url);

            request.Method = new HttpMethod(method);
            request.RequestUri = new Uri(url, UriKind.Relative);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8);
            foreach (var (name, value) in headers)
            {
                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                else if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) request.Headers.Authorization = AuthenticationHeaderValue.Parse(value);
                else Assert.True(request.Headers.TryAddWithoutValidation(name, value), name);
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            sent.Add((method, url, response.StatusCode));
            Assert.True(response.IsSuccessStatusCode, $"{method} {url} answered {(int)response.StatusCode}: {text}");

            if (capture.Success) variables[capture.Groups[1].Value] = response.Headers.ETag!.ToString();
            if (method == "POST")
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode); // "(201, with Location and ETag)"
                Assert.NotNull(response.Headers.Location);
                Assert.NotNull(response.Headers.ETag);
                created = url;
            }
            if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String)
                    lastCursor = next.GetString();
                if (url.EndsWith("/revisions"))
                    // "each change, who made it (the key's name), when, and the record after it"
                    Assert.Contains(json.RootElement.GetProperty("items").EnumerateArray(), r => r.ToString().Contains("newsroom-curator"));
            }
        }

        // The flow creates, patches, reads and deletes; a deleted record answers 410 Gone, as it says.
        Assert.Contains(sent, s => s.Method == "PATCH" && s.Status == HttpStatusCode.OK);
        var deleted = Assert.Single(sent, s => s.Method == "DELETE");
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.NotNull(created);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync(deleted.Path)).StatusCode);
        Assert.True(sent.Count >= 8, $"only {sent.Count} requests sent");
    }

    [GeneratedRegex(@"```sh\n(?<body># 1\. Create a key.*?)```", RegexOptions.Singleline)]
    private static partial Regex FlowBlock();

    /// <summary>A variable set from a response's ETag: <c>ETAG=$(curl -si … | sed …)</c>.</summary>
    [GeneratedRegex(@"^([A-Z]+)=\$\(curl$")]
    private static partial Regex Capture();

    [GeneratedRegex(@"\$([A-Z]+)")]
    private static partial Regex Variable();
}
