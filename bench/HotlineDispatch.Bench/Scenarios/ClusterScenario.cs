using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Load;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Scenarios;

/// <param name="Tickets">Tickets created (alternately through each silo) before the kills, and checked after each.</param>
public sealed record ClusterOptions(string? Connection, int Tickets);

/// <summary>
/// Two silo processes on one PostgreSQL database, killed with SIGKILL. First one silo dies and the
/// bench times how long the survivor takes to serve every ticket again (those that lived on the dead
/// silo wait for the cluster to declare it dead). Then both die together, as in a power cut, one is
/// started again, and the bench times, from the moment its process exists, its first accepted ticket
/// and the moment every earlier ticket is served. The silos' logs carry timestamps, so a slow start
/// can be traced to the stage that waited.
/// </summary>
public static class ClusterScenario
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string> Settings = new() { ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff " };

    public static async Task<Report> RunAsync(ClusterOptions options)
    {
        await using var run = await BenchRun.CreateAsync("postgres", options.Connection);
        var a = await run.StartMemberAsync("a", Settings);
        var b = await run.StartMemberAsync("b", Settings);
        using var httpA = a.Client(options.Tickets);
        using var httpB = b.Client(options.Tickets);
        var reports = new CitizenReports("cluster");
        var ids = new List<string>();
        for (var i = 0; i < options.Tickets; i++)
        {
            ids.Add(await new TicketApi(i % 2 == 0 ? httpA : httpB).CreateAsync(reports.Ordinary(i)));
        }

        // Read through both, so each ticket is active somewhere and some live on the silo that dies.
        await UntilServedAsync(httpA, ids, a, Stopwatch.StartNew());
        await UntilServedAsync(httpB, ids, b, Stopwatch.StartNew());

        await b.KillAsync();
        var survivor = await UntilServedAsync(httpA, ids, a, Stopwatch.StartNew());
        await b.RestartAsync();
        await UntilServedAsync(httpB, ids, b, Stopwatch.StartNew());

        await Task.WhenAll(a.KillAsync(), b.KillAsync());
        var clock = Stopwatch.StartNew();
        await a.LaunchAsync();
        var created = UntilCreatedAsync(new TicketApi(httpA), reports.Ordinary(options.Tickets), clock, a);
        var served = UntilServedAsync(httpA, ids, a, clock);
        var ((firstId, firstAnswer), allServed) = (await created, await served);
        ids.Add(firstId);
        await b.RestartAsync();
        await UntilServedAsync(httpB, ids, b, Stopwatch.StartNew());

        var report = new Report("cluster")
            .Field("storage", "storage", "postgres")
            .Figure("tickets", "tickets checked after each kill", options.Tickets, 0);
        Add(report, options, "singleDeathAllServed", "one silo killed: the survivor serves every ticket after, s", survivor);
        Add(report, options, "powerCutFirstAnswer", "both killed, one restarted: its first accepted ticket after, s", firstAnswer);
        Add(report, options, "powerCutAllServed", "both killed, one restarted: it serves every ticket after, s", allServed);
        return report.Row("afterwards", $"every one of {ids.Count} tickets served by both silos");
    }

    private static void Add(Report report, ClusterOptions options, string figure, string label, TimeSpan elapsed)
    {
        var seconds = Math.Round(elapsed.TotalSeconds, 1);
        report.Row(label, seconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        report.Line(new JsonObject
        {
            ["scenario"] = "cluster", ["storage"] = "postgres", ["tickets"] = options.Tickets, ["figure"] = figure, ["seconds"] = seconds,
        });
    }

    /// <summary>
    /// Creates a ticket through a silo that is starting, trying again until it is accepted; answers when.
    /// Only attempts that were refused (not listening yet, or 503) are repeated: the client's own timeout
    /// is far longer than a first, cold request takes, so no attempt is abandoned while it still runs.
    /// </summary>
    private static async Task<(string Id, TimeSpan At)> UntilCreatedAsync(TicketApi api, CitizenReport report, Stopwatch clock, BenchSilo silo)
    {
        while (true)
        {
            try
            {
                return (await api.CreateAsync(report), clock.Elapsed);
            }
            catch (Exception ex) when (IsNotYet(ex) && clock.Elapsed < GiveUp)
            {
                await Task.Delay(Poll);
            }
            catch (Exception ex) when (IsNotYet(ex))
            {
                throw new TimeoutException($"The restarted silo accepted no ticket within {GiveUp}:\n{silo.LogTail()}", ex);
            }
        }
    }

    /// <summary>Reads every ticket through <paramref name="http"/> until each has been served once; answers when, on <paramref name="clock"/>.</summary>
    private static async Task<TimeSpan> UntilServedAsync(HttpClient http, IReadOnlyList<string> ids, BenchSilo silo, Stopwatch clock)
    {
        var pending = ids.ToHashSet();
        while (pending.Count > 0)
        {
            if (clock.Elapsed > GiveUp)
            {
                throw new TimeoutException($"{pending.Count} tickets were still not served after {GiveUp}, e.g. {pending.First()}:\n{silo.LogTail()}");
            }

            var served = await Task.WhenAll(pending.Select(async id => (Id: id, Served: await ServedAsync(http, id))));
            pending.ExceptWith(served.Where(s => s.Served).Select(s => s.Id));
            if (pending.Count > 0)
            {
                await Task.Delay(Poll);
            }
        }

        return clock.Elapsed;
    }

    private static async Task<bool> ServedAsync(HttpClient http, string id)
    {
        try
        {
            using var timeout = new CancellationTokenSource(RequestTimeout);
            using var response = await http.GetAsync($"/api/v1/tickets/{id}", timeout.Token);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"Ticket {id} was acknowledged but is gone.");
            }

            return response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(timeout.Token)).GetProperty("id").GetString() == id;
        }
        catch (Exception ex) when (IsNotYet(ex))
        {
            return false;
        }
    }

    /// <summary>What a client meets while a silo is starting or its peer's death is not yet declared.</summary>
    private static bool IsNotYet(Exception ex) =>
        ex is HttpRequestException { InnerException: SocketException } or TaskCanceledException or TimeoutException or OperationCanceledException
        || ex is ApiException { IsOutage: true };
}
