using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;
using Npgsql;

namespace HotlineDispatch.Tests.Processes;

/// <summary>The PostgreSQL backup procedure of docs/privacy.md, step by step: pg_dump while a silo runs, pg_restore into a new database.</summary>
public sealed class PostgresBackupTests
{
    private static Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["Hotline:Storage"] = "postgres",
        ["ConnectionStrings:Hotline"] = connectionString,
        ["Hotline:Auth:AdminToken"] = TestUsers.AdminToken,
        ["Hotline:DataDir"] = TestStorage.TempDirectory(),
        ["Hotline:Cluster:ServiceId"] = "hotline-backup-test",
        ["Hotline:Cluster:SiloPort"] = FreePorts.Next().ToString(),
        ["Hotline:Cluster:GatewayPort"] = FreePorts.Next().ToString(),
        ["Hotline:Calendar:AlwaysWorking"] = "true",
        ["Hotline:Sla:SignFor"] = "00:00:20",
        ["Hotline:Sla:YellowAt"] = "0.5",
    };

    [Fact]
    public async Task A_pg_dump_of_a_running_cluster_restores_with_pg_restore_into_a_silo_with_every_ticket_and_its_cards()
    {
        var original = await TestPostgres.CreateDatabaseAsync("backup");
        var dump = Path.Combine(TestStorage.TempDirectory(), "hotline.dump");
        var ids = new List<string>();
        await using (var silo = await SiloProcess.StartAsync(Settings(original)))
        {
            var client = silo.Client(TestUsers.AdminToken);
            for (var i = 0; i < 5; i++)
            {
                ids.Add(await AcceptAsync(client));
            }

            var refused = await client.PostAsync("/api/v1/admin/backup", null);
            Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
            await RunAsync("pg_dump", original, "--format=custom", "--no-owner", $"--file={dump}");
            await silo.KillAsync();
        }

        var restored = await TestPostgres.CreateDatabaseAsync("restored");
        await RunAsync("pg_restore", restored, "--no-owner", "--exit-on-error", dump);
        await using (var connection = new NpgsqlConnection(restored))
        {
            await connection.OpenAsync();
            await using var forget = new NpgsqlCommand("DELETE FROM orleans_membership", connection);
            await forget.ExecuteNonQueryAsync();
        }

        await using var again = await SiloProcess.StartAsync(Settings(restored));
        var admin = again.Client(TestUsers.AdminToken);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/tickets?pageSize=500")).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Equal(ids.Order(), listed.Order());
        Assert.DoesNotContain(await AcceptAsync(admin), ids);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var pending = ids.ToHashSet();
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var id in pending.ToList())
            {
                var cards = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tickets/{id}")).GetProperty("cards").GetArrayLength();
                if (cards == 2)
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
            channel = "web", caller = new { phone = "13500000000" }, address = "江滨路", content = "井盖松动", type = "report",
            dispatch = new { lead = "CGJ" },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Runs a PostgreSQL client tool of the server's own version against the database of a connection string.</summary>
    private static async Task RunAsync(string tool, string connectionString, params string[] arguments)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(ToolDirectory(), tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { $"--host={target.Host}", $"--port={target.Port}", $"--username={target.Username}", $"--dbname={target.Database}" },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (target.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await error}");
    }

    /// <summary>Where test.sh found the server: beside initdb on the PATH, or Debian's newest /usr/lib/postgresql/*/bin.</summary>
    private static string ToolDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, "initdb")).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return Path.GetDirectoryName(File.ResolveLinkTarget(onPath, returnFinalTarget: true)?.FullName ?? onPath)!;
        }

        return Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_dump")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var major) ? major : 0)
            .First();
    }
}
