using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Processes;

/// <summary>The embedded (SQLite) silo as a real process: what is acknowledged survives SIGKILL, and cards due while it was down still count.</summary>
public sealed class EmbeddedSiloTests
{
    private readonly string _dataDir = TestStorage.TempDirectory();

    private Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Hotline:DataDir"] = _dataDir,
            ["Hotline:Auth:AdminToken"] = TestUsers.AdminToken,
            ["Hotline:Cluster:SiloPort"] = FreePorts.Next().ToString(),
            ["Hotline:Cluster:GatewayPort"] = FreePorts.Next().ToString(),
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<string> CreateAndDispatch(HttpClient client, string lead)
    {
        var created = await client.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call",
            caller = new { name = "王五", phone = "13800001234" },
            address = "江滨路8号",
            gridCell = "G-3",
            content = "工地夜间施工噪音",
            type = "complaint",
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await client.PostAsJsonAsync($"/api/v1/tickets/{id}/dispatch", new { lead })).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task A_dispatched_ticket_is_there_unchanged_after_kill_9_and_restart()
    {
        var settings = Settings();
        string id, before;
        await using (var silo = await SiloProcess.StartAsync(settings))
        {
            var client = silo.Client(TestUsers.AdminToken);
            id = await CreateAndDispatch(client, "ZJJ");
            before = await client.GetStringAsync($"/api/v1/tickets/{id}");
            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(settings);
        var after = await restarted.Client(TestUsers.AdminToken).GetStringAsync($"/api/v1/tickets/{id}");
        Assert.Equal(before, after);
        Assert.True(File.Exists(Path.Combine(_dataDir, "hotline.db")));
    }

    [Fact]
    public async Task Cards_that_fell_due_while_the_silo_was_down_carry_their_due_time_and_count()
    {
        var settings = Settings(
            ("Hotline:Calendar:AlwaysWorking", "true"),
            ("Hotline:Sla:SignFor", "00:00:06"),
            ("Hotline:Sla:YellowAt", "0.5"));
        string id;
        await using (var silo = await SiloProcess.StartAsync(settings))
        {
            id = await CreateAndDispatch(silo.Client(TestUsers.AdminToken), "ZJJ");
            await silo.KillAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(9));
        await using var restarted = await SiloProcess.StartAsync(settings);
        var client = restarted.Client(TestUsers.AdminToken);

        // Nobody touches the ticket: the start-up sweep alone must record the cards.
        JsonElement row = default;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/stats?by=department");
            row = stats.GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("key").GetString() == "ZJJ");
            if (row.ValueKind != JsonValueKind.Undefined && row.GetProperty("redCards").GetInt64() == 1)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.Equal(1, row.GetProperty("yellowCards").GetInt64());
        Assert.Equal(1, row.GetProperty("redCards").GetInt64());

        var ticket = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}");
        var signBy = ticket.GetProperty("signBy").GetDateTimeOffset();
        var cards = ticket.GetProperty("cards").EnumerateArray().ToList();
        var red = cards.Single(c => c.GetProperty("kind").GetString() == "red");
        var yellow = cards.Single(c => c.GetProperty("kind").GetString() == "yellow");
        Assert.Equal("sign", red.GetProperty("step").GetString());
        Assert.True((red.GetProperty("dueAt").GetDateTimeOffset() - signBy).Duration() <= TimeSpan.FromSeconds(1));
        Assert.True(red.GetProperty("recordedAt").GetDateTimeOffset() > red.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True((yellow.GetProperty("dueAt").GetDateTimeOffset() - signBy.AddSeconds(-3)).Duration() <= TimeSpan.FromSeconds(1));
    }
}
