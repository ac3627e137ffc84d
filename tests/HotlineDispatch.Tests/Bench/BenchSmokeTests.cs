using System.Diagnostics;
using System.Text.Json;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Bench;

/// <summary>
/// Each bench scenario, run the way the README runs it but at a size that takes seconds, must end
/// with its JSON line carrying the documented fields. Nothing here asserts a speed: CI machines
/// differ, and a figure is for people to read, not for a test to gate on.
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task Intake_on_sqlite_prints_throughput_beside_the_raw_upsert_baseline()
    {
        var line = await RunAsync("intake", "--storage", "sqlite", "--tickets", "40", "--concurrency", "4", "--warm-up", "00:00:01");
        AssertFields(line, "intake", "storage", "dispatch", "ticketsPerSec", "baselinePerSec", "ratio", "p50Ms", "p99Ms");
        Assert.Equal("sqlite", line.GetProperty("storage").GetString());
        Assert.True(line.GetProperty("ticketsPerSec").GetDouble() > 0);
        Assert.True(line.GetProperty("baselinePerSec").GetDouble() > 0);
    }

    [Fact]
    public async Task Intake_on_postgres_uses_the_server_it_is_given()
    {
        var line = await RunAsync("intake", "--storage", "postgres", "--connection", TestPostgres.Server, "--tickets", "40", "--concurrency", "4",
            "--warm-up", "00:00:01", "--dispatch", "at-intake");
        AssertFields(line, "intake", "storage", "dispatch", "ticketsPerSec", "baselinePerSec", "ratio", "p50Ms", "p99Ms");
        Assert.Equal("postgres", line.GetProperty("storage").GetString());
    }

    [Fact]
    public async Task Deadlines_prints_the_lateness_of_the_cards()
    {
        var line = await RunAsync("deadlines", "--open", "20", "--concurrency", "4", "--sign-for", "00:00:04");
        AssertFields(line, "deadlines", "open", "p50Ms", "p99Ms", "maxMs", "missed");
        Assert.Equal(20, line.GetProperty("open").GetInt32());
    }

    [Fact]
    public async Task Restart_prints_when_the_cards_due_in_the_outage_were_recorded()
    {
        var line = await RunAsync("restart", "--open", "20", "--due-in-dark", "8", "--concurrency", "4", "--sign-for", "00:00:04", "--catch-up", "00:00:05");
        AssertFields(line, "restart", "storage", "open", "dueInDark", "answersInSec", "firstReadMs", "outageCards", "p50Sec", "p99Sec", "maxSec", "lateCards", "afterGoal", "missed");
        Assert.Equal(20, line.GetProperty("open").GetInt32());
        Assert.Equal(0, line.GetProperty("missed").GetInt32());

        // Only the eight tickets with the short limit have cards to fall due, a yellow and a red each. The eight carry one
        // kind of report, the first that names no hazard, which the router's classifier does not find urgent either.
        Assert.Equal(16, line.GetProperty("outageCards").GetInt32());
    }

    [Fact]
    public async Task Memory_prints_bytes_per_grain()
    {
        var line = await RunAsync("memory", "--grains", "60", "--concurrency", "4");
        AssertFields(line, "memory", "bytesPerGrain", "rssPerGrain");
        Assert.True(line.GetProperty("bytesPerGrain").GetDouble() > 0);
    }

    [Fact]
    public async Task Surge_says_honestly_whether_surges_were_detected()
    {
        var line = await RunAsync("surge", "--tickets", "60", "--bursts", "2", "--concurrency", "4", "--sign-for", "00:00:04");
        AssertFields(line, "surge", "storage", "tickets", "ticketsPerSec", "p50Ms", "p99Ms", "cardP99Ms", "cardsMissed", "bursts", "surges");
        Assert.Equal(60, line.GetProperty("tickets").GetInt32());
    }

    [Fact]
    public async Task Routing_measures_the_router_on_a_file_of_tickets_and_chat_messages()
    {
        var data = Path.Combine(Path.GetTempPath(), $"routing-smoke-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(data,
        [
            """{"id": "S1", "channel": "call", "text": "小区门口的燃气管道一股煤气味，麻烦燃气公司来看看", "department": "RQGS", "type": "求助", "urgent": true}""",
            """{"id": "S2", "channel": "sms", "text": "请问医保卡丢了在哪里补办", "department": "YBJ", "type": "咨询", "urgent": false}""",
            """{"id": "S3", "group": "锦绣社区5网格群", "sender": "老张", "text": "收到，谢谢", "is_request": false, "department": null}""",
            """{"id": "S4", "group": "锦绣社区5网格群", "sender": "小李", "text": "3栋楼下的路灯坏了好几天了，晚上黑乎乎的", "is_request": true, "department": "CGJ"}""",
        ]);
        try
        {
            var line = await RunAsync("routing", "--data", data);
            AssertFields(line, "routing", "data", "top1", "top3", "urgentRecall", "urgentPrecision", "requestF1", "p50Ms", "p99Ms",
                "trainSeconds", "trainCpuSeconds", "peakMb");
            Assert.InRange(line.GetProperty("top1").GetDouble(), 0, 1);
            Assert.True(line.GetProperty("trainSeconds").GetDouble() > 0);
        }
        finally
        {
            File.Delete(data);
        }
    }

    [Fact]
    public async Task History_prints_a_line_for_each_kind_of_query_on_a_filled_read_model()
    {
        var (exitCode, output, errors) = await RunProcessAsync("history", "--storage", "sqlite", "--tickets", "2000", "--calls", "2", "--json");
        Assert.True(exitCode == 0, $"the bench exited with {exitCode}:\n{output}\n{errors}");
        var lines = HistoryLines(output);
        Assert.Contains(lines, l => l.GetProperty("query").GetString() == "stats-gridCell-year");
        Assert.Contains(lines, l => l.GetProperty("query").GetString() == "caller-history");
        foreach (var line in lines.Where(l => l.GetProperty("query").GetString() != "export-year-csv"))
        {
            AssertFields(line, "history", "storage", "tickets", "reused", "query", "p50Ms", "p99Ms");
        }

        AssertFields(lines.Single(l => l.GetProperty("query").GetString() == "export-year-csv"), "history", "storage", "tickets", "reused", "query", "rowsPerSec", "peakRssMb");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task History_keeps_its_filled_database_and_runs_on_it_again_without_a_fill(string storage)
    {
        // Under /tmp: the bench's PostgreSQL runs as the postgres account, which cannot reach a TMPDIR below /root.
        var kept = Path.Combine("/tmp", $"history-kept-{Guid.NewGuid():N}");
        try
        {
            var (exitCode, output, errors) = await RunProcessAsync("history", "--storage", storage, "--tickets", "300", "--calls", "1", "--keep", kept, "--json");
            Assert.True(exitCode == 0, $"the bench exited with {exitCode}:\n{output}\n{errors}");
            Assert.Contains($"kept in {kept}", output);
            Assert.False(HistoryLines(output).First().GetProperty("reused").GetBoolean());

            (exitCode, output, errors) = await RunProcessAsync("history", "--storage", storage, "--calls", "1", "--reuse", kept, "--json");
            Assert.True(exitCode == 0, $"the bench exited with {exitCode}:\n{output}\n{errors}");
            Assert.Contains($"REUSED from {kept}", output);
            Assert.DoesNotContain("filled 300 tickets", errors);
            Assert.All(HistoryLines(output), l =>
            {
                Assert.True(l.GetProperty("reused").GetBoolean());
                Assert.Equal(300, l.GetProperty("tickets").GetInt32());
            });

            (exitCode, _, errors) = await RunProcessAsync("history", "--storage", storage, "--tickets", "300", "--keep", kept);
            Assert.Equal(2, exitCode);
            Assert.Contains("not empty", errors);
        }
        finally
        {
            if (Directory.Exists(kept))
            {
                Directory.Delete(kept, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Cluster_prints_a_line_for_each_recovery_after_silos_are_killed()
    {
        // The scenario itself fails unless every ticket is served by both silos at the end.
        var (exitCode, output, errors) = await RunProcessAsync("cluster", "--storage", "postgres", "--connection", TestPostgres.Server, "--tickets", "4", "--json");
        Assert.True(exitCode == 0, $"the bench exited with {exitCode}:\n{output}\n{errors}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["singleDeathAllServed", "powerCutFirstAnswer", "powerCutAllServed"], lines.Select(l => l.GetProperty("figure").GetString()));
        foreach (var line in lines)
        {
            AssertFields(line, "cluster", "storage", "tickets", "figure", "seconds");

            // A power cut always costs a restart; a single death costs nothing when none of the four tickets happened
            // to be placed on the silo that died (seen once in a full run).
            var seconds = line.GetProperty("seconds").GetDouble();
            Assert.True(line.GetProperty("figure").GetString() == "singleDeathAllServed" ? seconds >= 0 : seconds > 0);
        }
    }

    [Fact]
    public async Task Routing_needs_a_file_to_measure_on()
    {
        var (exitCode, _, errors) = await RunProcessAsync("routing", "--data", "/nonexistent/routing.jsonl");
        Assert.Equal(2, exitCode);
        Assert.Contains("--data", errors);
    }

    [Fact]
    public async Task A_mistyped_option_is_refused_before_anything_starts()
    {
        var (exitCode, _, errors) = await RunProcessAsync("intake", "--storage", "sqlite", "--tickts", "40");
        Assert.Equal(2, exitCode);
        Assert.Contains("--tickts", errors);
    }

    private static List<JsonElement> HistoryLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();

    private static void AssertFields(JsonElement line, string scenario, params string[] fields)
    {
        Assert.Equal(scenario, line.GetProperty("scenario").GetString());
        Assert.Equal(["scenario", .. fields], line.EnumerateObject().Select(p => p.Name));
    }

    /// <summary>Runs the bench with --json and returns its last line, the JSON object.</summary>
    private static async Task<JsonElement> RunAsync(params string[] args)
    {
        var (exitCode, output, errors) = await RunProcessAsync([.. args, "--json"]);
        Assert.True(exitCode == 0, $"the bench exited with {exitCode}:\n{output}\n{errors}");
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonDocument.Parse(last).RootElement;
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunProcessAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HotlineDispatch.Bench.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
