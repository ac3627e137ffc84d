using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Processes;

/// <summary>The embedded silo's online backup (the command and the admin route) and its restore, on real processes.</summary>
public sealed class BackupRestoreTests
{
    private static Dictionary<string, string?> Settings(string dataDir) => new()
    {
        ["Hotline:DataDir"] = dataDir,
        ["Hotline:Auth:AdminToken"] = TestUsers.AdminToken,
        ["Hotline:Cluster:SiloPort"] = FreePorts.Next().ToString(),
        ["Hotline:Cluster:GatewayPort"] = FreePorts.Next().ToString(),
        ["Hotline:RateLimit:PerMinute"] = "0",
        ["Hotline:Calendar:AlwaysWorking"] = "true",
        ["Hotline:Sla:SignFor"] = "00:00:20",
        ["Hotline:Sla:YellowAt"] = "0.5",
    };

    [Fact]
    public async Task A_backup_taken_while_tickets_are_accepted_restores_each_ticket_acknowledged_before_it_once_and_its_cards_still_fall()
    {
        var live = Settings(TestStorage.TempDirectory());
        var backup = Path.Combine(TestStorage.TempDirectory(), "backup");
        var acknowledged = new ConcurrentQueue<(string Id, DateTimeOffset At)>();
        DateTimeOffset backupStarted;
        await using (var silo = await SiloProcess.StartAsync(live))
        {
            using var stop = new CancellationTokenSource();
            var client = silo.Client(TestUsers.AdminToken);
            var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    acknowledged.Enqueue((await AcceptAsync(client), DateTimeOffset.UtcNow));
                }
            })).ToArray();
            while (acknowledged.Count < 20)
            {
                await Task.Delay(100);
            }

            backupStarted = DateTimeOffset.UtcNow;
            var (exitCode, output) = await SiloProcess.RunCommandAsync(live, "backup", "--to", backup);
            Assert.True(exitCode == 0, output);
            await Task.Delay(500);
            await stop.CancelAsync();
            await Task.WhenAll(load);

            var (refused, why) = await SiloProcess.RunCommandAsync(live, "restore", "--from", backup);
            Assert.Equal(1, refused);
            Assert.Contains("stop it before restoring", why);
            var manifest = await client.PostAsync("/api/v1/admin/backup", null);
            Assert.True(manifest.IsSuccessStatusCode, await manifest.Content.ReadAsStringAsync());
            Assert.True(File.Exists(Path.Combine((await manifest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("directory").GetString()!, "readmodel.db")));
            await silo.KillAsync();
        }

        var before = acknowledged.Where(a => a.At < backupStarted).Select(a => a.Id).ToList();
        Assert.True(before.Count >= 20);
        Assert.True(acknowledged.Count > before.Count, "the load went on while the backup was taken");

        var restored = Settings(TestStorage.TempDirectory());
        var (restoreExit, restoreOutput) = await SiloProcess.RunCommandAsync(restored, "restore", "--from", backup);
        Assert.True(restoreExit == 0, restoreOutput);
        await using var again = await SiloProcess.StartAsync(restored);
        var admin = again.Client(TestUsers.AdminToken);

        var listed = await ListAsync(admin);
        Assert.All(before, id => Assert.Equal(1, listed.Count(l => l == id)));
        Assert.Equal(listed.Count, listed.Distinct().Count());
        var fresh = await AcceptAsync(admin);
        Assert.DoesNotContain(fresh, listed);

        // Signing was due 20 s after each acceptance: every ticket's yellow and red cards must be recorded by the restored silo.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var pending = before.ToHashSet();
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var id in pending.ToList())
            {
                var cards = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}")).GetProperty("cards").EnumerateArray()
                    .Select(c => c.GetProperty("kind").GetString()).ToList();
                if (cards.Contains("yellow") && cards.Contains("red"))
                {
                    pending.Remove(id);
                }
            }

            await Task.Delay(1000);
        }

        Assert.Empty(pending);
    }

    private static async Task<string> AcceptAsync(HttpClient client)
    {
        var created = await client.PostAsJsonAsync("/api/v1/tickets", new
        {
            channel = "call",
            caller = new { name = "赵六", phone = "13800005678" },
            address = "江滨路8号",
            gridCell = "G-3",
            content = "小区路灯不亮",
            type = "complaint",
            dispatch = new { lead = "CGJ" },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> ListAsync(HttpClient client)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var items = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tickets?pageSize=500&page={page}")).GetProperty("items");
            ids.AddRange(items.EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            if (items.GetArrayLength() < 500)
            {
                return ids;
            }
        }
    }
}
