using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Load;
using HotlineDispatch.Bench.Reporting;

namespace HotlineDispatch.Bench.Scenarios;

/// <param name="Rounds">How many times the silo is killed (and, on PostgreSQL, the database crashed) during the load.</param>
public sealed record FaultsOptions(string Storage, int Tickets, int Concurrency, int Rounds);

/// <summary>What the check after the faults found. Everything but the counts of attempts must be zero.</summary>
/// <param name="Lost">Acknowledged tickets that cannot be read back with their own content.</param>
/// <param name="LostDispatches">Tickets whose dispatch was acknowledged (or refused as done already) that are not dispatched.</param>
/// <param name="Duplicated">Reports present as more than one ticket, or ticket numbers acknowledged twice.</param>
/// <param name="NotListed">Acknowledged tickets missing from the list (the read model).</param>
/// <param name="ListMismatch">The difference between the list's total and the items it returned.</param>
/// <param name="DurableUnacknowledged">Tickets that exist although their creation was not acknowledged (allowed: the answer was lost, not the ticket).</param>
/// <param name="Urgent">Acknowledged tickets accepted as urgent.</param>
/// <param name="Unalerted">Of those, the ones missing from the alert board.</param>
public sealed record FaultFindings(
    int Attempts, int Acknowledged, int Dispatched, int FailedRequests, int Lost, int LostDispatches, int Duplicated, int NotListed,
    int ListMismatch, int DurableUnacknowledged, int Urgent, int Unalerted, CardFindings Cards)
{
    public bool Clean =>
        Lost == 0 && LostDispatches == 0 && Duplicated == 0 && NotListed == 0 && ListMismatch == 0 && Unalerted == 0
        && Cards.Missing == 0 && Cards.Duplicated == 0;
}

/// <summary>
/// Kills under load: while workers take tickets in and dispatch them, the silo is killed with SIGKILL
/// and started again, and on PostgreSQL the database server is crashed (immediate stop) and
/// restarted, both under the running silo and while it is down. A worker never repeats a request
/// whose outcome it cannot know (that would be a duplicate of its own making) — only one refused
/// before anything was sent. Afterwards every acknowledged ticket must be there exactly once, in
/// the grain and in the list, every urgent one on the alert board, and every sign-for limit that
/// passed must have produced its cards.
/// </summary>
public static class FaultsScenario
{
    private static readonly TimeSpan SignFor = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(250);

    public static async Task<(FaultFindings Findings, Report Report)> RunAsync(FaultsOptions options)
    {
        await using var run = await BenchRun.CreateAsync(options.Storage, connection: null, needOwnServer: true);
        var silo = await run.StartSiloAsync(ShortDeadlines.Settings(SignFor, 0.5));
        using var http = silo.Client(options.Concurrency);
        var api = new TicketApi(http);
        var reports = new CitizenReports("faults");

        var acknowledged = new string?[options.Tickets];
        var dispatched = new bool[options.Tickets];
        var failed = 0;
        var started = 0;
        var load = ClosedLoop.RunAsync("tickets under faults", options.Tickets, options.Concurrency, async seq =>
        {
            Interlocked.Increment(ref started);
            var report = reports.Ordinary(seq);
            var id = await UnlessOutage(() => api.CreateAsync(report), () => Interlocked.Increment(ref failed));
            if (id is null)
            {
                return;
            }

            acknowledged[seq] = id;

            // Dispatching again after an unknown outcome is safe: a ticket already dispatched answers 409.
            for (var attempt = 0; attempt < 40; attempt++)
            {
                if (await UnlessOutage(() => DispatchOrConflict(api, id, report.Lead), () => Interlocked.Increment(ref failed)))
                {
                    dispatched[seq] = true;
                    return;
                }
            }
        });

        for (var round = 1; round <= options.Rounds; round++)
        {
            var at = (long)round * options.Tickets / (options.Rounds + 1);
            while (Volatile.Read(ref started) < at && !load.IsCompleted)
            {
                await Task.Delay(50);
            }

            if (run.Storage.OwnServer is { } database)
            {
                await database.CrashAndRestartAsync();
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            await silo.KillAsync();
            if (run.Storage.OwnServer is { } stopped)
            {
                await stopped.CrashAndRestartAsync();
            }

            await silo.RestartAsync();
        }

        await load;
        await Progress.WaitUntilAsync("waiting for the cards", DateTimeOffset.UtcNow + SignFor + Grace);
        var findings = await Check(api, run.Storage, reports, acknowledged, dispatched, options.Concurrency, failed);

        var report = new Report("faults") { Failed = !findings.Clean }
            .Field("storage", "storage", options.Storage)
            .Figure("attempts", "tickets attempted", options.Tickets, 0)
            .Figure("acknowledged", "acknowledged (2xx)", findings.Acknowledged, 0)
            .Figure("lost", "lost", findings.Lost, 0)
            .Figure("lostDispatches", "dispatches lost", findings.LostDispatches, 0)
            .Figure("duplicated", "duplicated", findings.Duplicated, 0)
            .Figure("notListed", "acknowledged but not listed", findings.NotListed, 0)
            .Figure("unalerted", "urgent but not on the alert board", findings.Unalerted, 0)
            .Figure("missingCards", "cards missing", findings.Cards.Missing, 0)
            .Figure("duplicateCards", "cards recorded twice", findings.Cards.Duplicated, 0)
            .Row("verdict", findings.Clean ? "nothing lost, nothing duplicated, every card recorded" : "FAILED")
            .Row("rounds (kill -9" + (options.Storage == "postgres" ? ", database crash" : "") + ")", options.Rounds.ToString(CultureInfo.InvariantCulture))
            .Row("dispatched (2xx or 409)", findings.Dispatched.ToString(CultureInfo.InvariantCulture))
            .Row("requests failed by the faults", findings.FailedRequests.ToString(CultureInfo.InvariantCulture))
            .Row("durable without acknowledgement", findings.DurableUnacknowledged.ToString(CultureInfo.InvariantCulture))
            .Row("list total − items listed", findings.ListMismatch.ToString(CultureInfo.InvariantCulture))
            .Row("urgent tickets checked for their alert", findings.Urgent.ToString(CultureInfo.InvariantCulture))
            .Row("cards checked", findings.Cards.Expected.ToString(CultureInfo.InvariantCulture))
            .Row("card lateness p99 / max, ms (late ones fell due while the silo was down)", $"{findings.Cards.Lateness.Percentile(99):F0} / {findings.Cards.Lateness.Max:F0}");
        return (findings, report);
    }

    private static async Task<FaultFindings> Check(
        TicketApi api, BenchStorage storage, CitizenReports reports, string?[] acknowledged, bool[] dispatched, int concurrency, int failed)
    {
        var acked = acknowledged.Select((id, seq) => (Id: id, Seq: seq)).Where(a => a.Id is not null).Select(a => (Id: a.Id!, a.Seq)).ToList();
        var lost = 0;
        var lostDispatches = 0;
        var urgent = new ConcurrentBag<string>();
        await ClosedLoop.RunAsync("reading acknowledged tickets", acked.Count, concurrency, async i =>
        {
            var (id, seq) = acked[i];
            var ticket = await api.GetAsync(id);
            if (ticket is not { } view || !view.GetProperty("content").GetString()!.StartsWith(reports.MarkerOf(seq), StringComparison.Ordinal))
            {
                Interlocked.Increment(ref lost);
            }
            else
            {
                if (dispatched[seq] && view.GetProperty("state").GetString() == "accepted")
                {
                    Interlocked.Increment(ref lostDispatches);
                }

                if (view.GetProperty("urgent").GetBoolean())
                {
                    urgent.Add(id);
                }
            }
        });

        var (items, total) = await api.ListAllAsync();
        var listedIds = items.Select(i => i.GetProperty("id").GetString()!).ToList();
        var listed = listedIds.ToHashSet();
        var byMarker = items
            .Select(i => Marker(i.GetProperty("excerpt").GetString()!))
            .Where(m => m is not null)
            .GroupBy(m => m!)
            .ToList();
        var ackedMarkers = acked.Select(a => reports.MarkerOf(a.Seq)).ToHashSet();
        var duplicated = byMarker.Sum(g => g.Count() - 1) + (acked.Count - acked.Select(a => a.Id).Distinct().Count());
        var notListed = acked.Count(a => !listed.Contains(a.Id));
        var cards = await CardCheck.RunAsync(api, listedIds, concurrency, DateTimeOffset.UtcNow - Grace);
        var alerted = await AlertedTickets(storage);
        return new FaultFindings(
            acknowledged.Length, acked.Count, dispatched.Count(d => d), failed, lost, lostDispatches, duplicated, notListed, total - items.Count,
            byMarker.Count(g => !ackedMarkers.Contains(g.Key)), urgent.Count, urgent.Count(id => !alerted.Contains(id)), cards);
    }

    /// <summary>Read from the table: the API shows supervisors only the newest few thousand alerts.</summary>
    private static async Task<HashSet<string>> AlertedTickets(BenchStorage storage)
    {
        await using var connection = await storage.OpenReadModelAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ticket_id FROM hotline_alert WHERE kind = 'urgent'";
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static string? Marker(string excerpt) =>
        excerpt.StartsWith('[') && excerpt.IndexOf(']') is > 0 and var end ? excerpt[..(end + 1)] : null;

    private static async Task<bool> DispatchOrConflict(TicketApi api, string id, string lead)
    {
        try
        {
            await api.DispatchAsync(id, lead);
        }
        catch (ApiException ex) when (ex.Status == System.Net.HttpStatusCode.Conflict)
        {
            // Dispatched by an earlier attempt whose answer was lost.
        }

        return true;
    }

    /// <summary>
    /// Runs <paramref name="request"/>; a connection refused (nothing was sent) is tried again after a
    /// pause; any other sign of an outage is counted and answered with null; anything else is a bug.
    /// </summary>
    private static async Task<T?> UnlessOutage<T>(Func<Task<T>> request, Action onFailure)
    {
        while (true)
        {
            try
            {
                return await request();
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                await Task.Delay(Backoff);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ApiException { IsOutage: true })
            {
                onFailure();
                await Task.Delay(Backoff);
                return default;
            }
        }
    }
}
