using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Reporting;
using HotlineDispatch.Silo.Storage;

namespace HotlineDispatch.Bench.Scenarios;

/// <param name="Keep">A new folder the filled database is left in after the run.</param>
/// <param name="Reuse">A folder a run with <paramref name="Keep"/> left: its database is run on again without a fill.</param>
public sealed record HistoryOptions(string Storage, string? Connection, int Tickets, int Calls, string? Keep = null, string? Reuse = null);

/// <summary>What a kept database was filled with, read back by <c>--reuse</c> so its queries ask about the days it holds.</summary>
public sealed record HistoryFilled(string Storage, int Tickets, DateTimeOffset Now)
{
    private const string FileName = "history.json";

    public static HistoryFilled? Read(string directory) =>
        File.Exists(Path.Combine(directory, FileName)) ? JsonSerializer.Deserialize<HistoryFilled>(File.ReadAllText(Path.Combine(directory, FileName))) : null;

    public void Write(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this));
}

/// <summary>
/// Years of history and the pages people open every day. <see cref="HistoryFill"/> writes the read model
/// (its daily counters as a database from before the roll-ups would hold them), the silo starts on it
/// and rolls them up, and then each kind of query is asked <c>--calls</c> times over HTTP, one at a
/// time, each with a randomly chosen period, filter or caller: its p50 and p99. The CSV export of a
/// year is timed on its own, with the silo's resident set sampled while it streams. <c>--keep</c> leaves the
/// database in a folder and <c>--reuse</c> runs on it again without the fill.
/// </summary>
public static class HistoryScenario
{
    private const int WarmUpCalls = 3;

    private static readonly string[] Dimensions = ["department", "gridCell", "category", "channel", "day"];
    private static readonly string[] Keywords = ["井盖", "路灯", "油烟", "积水", "停电", "煤气味", "违停", "工资", "候车亭"];
    private static readonly string[] TwoCharKeywords = ["路灯", "井盖", "油烟", "积水", "停电", "违停", "工资", "漏气"];
    private static readonly string[] Departments = ["CGJ", "ZJJ", "JTJ", "JJ", "GAJ", "STHJJ", "SCJGJ", "RSJ", "SWJ", "YLJ"];
    private static readonly string[] FinishedStates = ["Closed", "Replied", "Resolved"];

    public static async Task<Report> RunAsync(HistoryOptions options)
    {
        var reused = options.Reuse is null ? null : HistoryFilled.Read(options.Reuse)
            ?? throw new InvalidOperationException($"{options.Reuse} holds no database kept by --keep.");
        var kept = options.Reuse ?? options.Keep;
        await using var run = await BenchRun.CreateAsync(options.Storage, options.Connection, kept: kept is null ? null : new KeptDatabase(kept, reused is not null));
        var postgres = options.Storage == "postgres";
        var fill = Stopwatch.StartNew();
        var filled = reused ?? await FillAsync(run, options.Tickets, postgres);
        var fillSeconds = fill.Elapsed.TotalSeconds;
        if (options.Keep is not null)
        {
            filled.Write(options.Keep);
        }

        var tickets = filled.Tickets;
        var now = filled.Now;
        var start = Stopwatch.StartNew();
        var silo = await run.StartSiloAsync();
        var startSeconds = start.Elapsed.TotalSeconds;

        using var http = silo.Client(1);
        var random = new Random(54321);
        var (first, last) = HistoryFill.Span(now);
        var report = new Report("history");
        var table = new List<(string Query, double P50, double P99)>();

        async Task Measure(string query, Func<string> url)
        {
            var latencies = new Latencies();
            for (var i = 0; i < WarmUpCalls + options.Calls; i++)
            {
                var target = url();
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync(target, HttpCompletionOption.ResponseContentRead);
                watch.Stop();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"GET {target} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                if (i >= WarmUpCalls)
                {
                    latencies.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            table.Add((query, latencies.Percentile(50), latencies.Percentile(99)));
            report.Line(new JsonObject
            {
                ["scenario"] = "history", ["storage"] = options.Storage, ["tickets"] = tickets, ["reused"] = reused is not null, ["query"] = query,
                ["p50Ms"] = Math.Round(latencies.Percentile(50), 1), ["p99Ms"] = Math.Round(latencies.Percentile(99), 1),
            });
        }

        var months = WholeMonths(first, last);
        (DateOnly, DateOnly) Month() => months[random.Next(months.Count)];
        (DateOnly, DateOnly) Quarter()
        {
            var quarters = months.Where(m => m.From.Month % 3 == 1 && months.Any(n => n.From == m.From.AddMonths(2))).ToList();
            var q = quarters[random.Next(quarters.Count)].From;
            return (q, q.AddMonths(3).AddDays(-1));
        }

        (DateOnly, DateOnly) Year()
        {
            var years = months.Where(m => m.From.Month == 1 && months.Any(n => n.From == m.From.AddMonths(11))).ToList();
            var y = years.Count > 0 ? years[random.Next(years.Count)].From : last.AddDays(-364);
            return (y, years.Count > 0 ? y.AddYears(1).AddDays(-1) : last);
        }

        static string Range((DateOnly From, DateOnly To) p) => $"from={p.From:yyyy-MM-dd}&to={p.To:yyyy-MM-dd}";
        foreach (var dimension in Dimensions)
        {
            await Measure($"stats-{dimension}-month", () => $"/api/v1/stats?by={dimension}&{Range(Month())}");
            await Measure($"stats-{dimension}-quarter", () => $"/api/v1/stats?by={dimension}&{Range(Quarter())}");
            await Measure($"stats-{dimension}-year", () => $"/api/v1/stats?by={dimension}&{Range(Year())}");
        }

        await Measure("assessment-month", () => $"/api/v1/assessment?month={Month().Item1:yyyy-MM}");
        await Measure("list-department-state-quarter", () =>
            $"/api/v1/tickets?department={Departments[random.Next(Departments.Length)]}&state={FinishedStates[random.Next(2)]}&{Range(Quarter())}");
        await Measure("list-cell-state-year", () =>
            $"/api/v1/tickets?gridCell={HistoryFill.Cell(random.Next(HistoryFill.Cells))}&state=Closed&{Range(Year())}");
        await Measure("list-state-month-deep-page", () => $"/api/v1/tickets?state=Closed&{Range(Month())}&page={random.Next(50, 200)}&pageSize=50");
        var deep = await DeepCursorsAsync(http, Enumerable.Range(0, 5).Select(_ => $"state=Closed&{Range(Month())}&pageSize=50").ToList());
        await Measure("list-state-month-deep-cursor", () => deep[random.Next(deep.Count)]);
        var callers = Math.Max(100, tickets / 3);
        await Measure("caller-history", () => $"/api/v1/tickets?phone={HistoryFill.Phone(random.Next(callers))}");
        await Measure("keyword", () => $"/api/v1/tickets?q={Uri.EscapeDataString(Keywords[random.Next(Keywords.Length)])}");
        await Measure("keyword-2-chars", () => $"/api/v1/tickets?q={Uri.EscapeDataString(TwoCharKeywords[random.Next(TwoCharKeywords.Length)])}");
        await Measure("keyword-address", () => $"/api/v1/tickets?q={Uri.EscapeDataString($"人民路{random.Next(1, 400)}号")}");

        var (rowsPerSecond, exported, peakMb, baseMb) = await ExportAsync(http, silo, Year());
        report.Line(new JsonObject
        {
            ["scenario"] = "history", ["storage"] = options.Storage, ["tickets"] = tickets, ["reused"] = reused is not null, ["query"] = "export-year-csv",
            ["rowsPerSec"] = Math.Round(rowsPerSecond), ["peakRssMb"] = Math.Round(peakMb),
        });

        report.Row("storage", options.Storage)
            .Row("tickets", tickets.ToString("N0", CultureInfo.InvariantCulture))
            .Row("history", $"{first:yyyy-MM-dd} to {last:yyyy-MM-dd}")
            .Row("fill", reused is null
                ? $"{fillSeconds:F0} s ({tickets / fillSeconds:N0} tickets/s){(options.Keep is null ? "" : $", kept in {options.Keep}")}"
                : $"REUSED from {options.Reuse}, filled {reused.Now:yyyy-MM-dd HH:mm} UTC")
            .Row("silo start-up, roll-up included", $"{startSeconds:F1} s")
            .Row("calls per query", options.Calls.ToString(CultureInfo.InvariantCulture));
        foreach (var (query, p50, p99) in table)
        {
            report.Row(query, $"p50 {p50,7:F1} ms   p99 {p99,7:F1} ms");
        }

        return report.Row("export-year-csv", $"{exported:N0} rows, {rowsPerSecond:N0} rows/s, silo RSS {baseMb:F0} MB before, {peakMb:F0} MB at most");
    }

    /// <summary>Writes the history into the run's empty database (its counters as a database from before the roll-ups would hold them).</summary>
    private static async Task<HistoryFilled> FillAsync(BenchRun run, int tickets, bool postgres)
    {
        var now = DateTimeOffset.UtcNow;
        if (!postgres)
        {
            Directory.CreateDirectory(run.Storage.SiloSettings["Hotline:DataDir"]);
        }

        await OrleansSchema.EnsureAsync(postgres ? OrleansSchema.PostgresInvariant : OrleansSchema.SqliteInvariant,
            run.Storage.ConnectionString, run.Storage.ReadModelConnectionString, CancellationToken.None);
        await using var connection = await run.Storage.OpenReadModelAsync();
        var progress = new Progress<int>(n =>
        {
            if (n % Math.Max(1, tickets / 10) < tickets / HistoryFill.Days + 1) Console.Error.WriteLine($"filled {n:N0} tickets");
        });
        await new HistoryFill(tickets, seed: 12345).FillAsync(connection, postgres, now, progress);
        await Execute(connection, "DELETE FROM hotline_measure_rolled_up");
        await Execute(connection, "DELETE FROM hotline_ticket_department_day_filled");
        await Execute(connection, "INSERT INTO hotline_ticket_grams_filled (version) VALUES (1) ON CONFLICT DO NOTHING");
        if (postgres)
        {
            // What autovacuum does soon after a bulk load: statistics for the planner to choose the indexes, and the
            // visibility map that lets an index-only scan (a count, a deep page's offset) leave the table unread.
            await Execute(connection, "VACUUM ANALYZE");
        }

        return new HistoryFilled(postgres ? "postgres" : "sqlite", tickets, now);
    }

    /// <summary>
    /// The URL of a page between the 50th and the 200th of each list, by the cursor its previous page gave (walked
    /// once, untimed): the same depth as the deep page by number, read by an index seek from the cursor instead.
    /// </summary>
    private static async Task<List<string>> DeepCursorsAsync(HttpClient http, IReadOnlyList<string> lists)
    {
        var depth = new Random(2468);
        var urls = new List<string>();
        foreach (var list in lists)
        {
            var page = depth.Next(50, 200);
            string? cursor = null;
            for (var p = 1; p < page; p++)
            {
                var body = JsonNode.Parse(await http.GetStringAsync($"/api/v1/tickets?{list}{(cursor is null ? "" : $"&cursor={cursor}")}"))!;
                if (body["next"]?.GetValue<string>() is not { } next)
                {
                    break;
                }

                cursor = next;
            }

            urls.Add($"/api/v1/tickets?{list}{(cursor is null ? "" : $"&cursor={cursor}")}");
        }

        return urls;
    }

    private static List<(DateOnly From, DateOnly To)> WholeMonths(DateOnly first, DateOnly last)
    {
        var months = new List<(DateOnly, DateOnly)>();
        for (var m = new DateOnly(first.Year, first.Month, 1).AddMonths(first.Day == 1 ? 0 : 1); m.AddMonths(1).AddDays(-1) <= last; m = m.AddMonths(1))
        {
            months.Add((m, m.AddMonths(1).AddDays(-1)));
        }

        return months;
    }

    /// <summary>Streams a year's tickets as CSV and counts its lines, while the silo's resident set is sampled every 50 ms.</summary>
    private static async Task<(double RowsPerSecond, long Rows, double PeakMb, double BaseMb)> ExportAsync(
        HttpClient http, BenchSilo silo, (DateOnly From, DateOnly To) year)
    {
        var baseBytes = silo.ResidentBytes();
        var peak = baseBytes;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, silo.ResidentBytes());
                await Task.Delay(50);
            }
        });
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync($"/api/v1/exports/tickets.csv?from={year.From:yyyy-MM-dd}&to={year.To:yyyy-MM-dd}",
            HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        long rows = -1;
        while (await reader.ReadLineAsync() is not null)
        {
            rows++;
        }

        watch.Stop();
        await sampling.CancelAsync();
        await sampler;
        return (rows / watch.Elapsed.TotalSeconds, rows, peak / 1048576.0, baseBytes / 1048576.0);
    }

    private static async Task Execute(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
