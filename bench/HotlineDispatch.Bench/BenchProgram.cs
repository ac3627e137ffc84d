using HotlineDispatch.Bench.Cli;
using HotlineDispatch.Bench.Hosting;
using HotlineDispatch.Bench.Reporting;
using HotlineDispatch.Bench.Scenarios;

namespace HotlineDispatch.Bench;

/// <summary>
/// <c>dotnet run --project bench/HotlineDispatch.Bench -c Release -- &lt;scenario&gt; [options] [--json]</c>.
/// Each scenario but <c>routing</c> starts its own silo on an empty database; each prints a table, and
/// with <c>--json</c> one JSON object per line at the end.
/// </summary>
public static class BenchProgram
{
    private const string Usage = """
        usage: HotlineDispatch.Bench <scenario> [options] [--json]

          intake    --storage sqlite|postgres [--connection <npgsql>] --tickets N --concurrency C [--warm-up <TimeSpan>]
                    [--dispatch separate|at-intake]
          deadlines --open N [--concurrency C] [--sign-for <TimeSpan>] [--storage …] [--connection …]
          memory    --grains N [--cells K] [--concurrency C] [--storage …] [--connection …]
          surge     --tickets N [--concurrency C] [--bursts B] [--sign-for <TimeSpan>] [--storage …] [--connection …]
          restart   --open N [--due-in-dark K] [--concurrency C] [--sign-for <TimeSpan>] [--catch-up <TimeSpan>] [--storage …] [--connection …]
                    (--due-in-dark: only the last K tickets taken in run a short limit; by default all N)
          faults    --storage sqlite|postgres --tickets N [--concurrency C] [--rounds R]
          history   --storage sqlite|postgres [--connection …] --tickets N [--calls C] [--keep DIR | --reuse DIR]
                    (--keep leaves the filled database in the new folder DIR; --reuse DIR runs on it without a fill)
          cluster   --storage postgres [--connection …] [--tickets N]   (two silos killed -9: recovery times)
          routing   --data <file.jsonl>   (in process, no silo: trains the router and measures it on the file)

        Without --connection, postgres runs start a throw-away PostgreSQL server of their own
        (initdb/pg_ctl; root runs it as the 'postgres' account).
        """;

    public static async Task<int> Main(string[] args)
    {
        BenchArguments arguments;
        Func<Task<Report>> scenario;
        try
        {
            arguments = BenchArguments.Parse(args);
            scenario = Choose(arguments);
            arguments.RejectUnknown();
        }
        catch (BenchUsageException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        ExitCleanup.OnSignals();
        var report = await scenario();
        report.WriteTable(Console.Out);
        if (arguments.Json)
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine(report.JsonLine());
        }

        return report.Failed ? 1 : 0;
    }

    /// <summary>Reads the scenario's options now, so a mistake is reported before anything starts.</summary>
    private static Func<Task<Report>> Choose(BenchArguments a)
    {
        switch (a.Scenario)
        {
            case "intake":
                var intake = new IntakeOptions(a.Storage(), a.OptionalText("connection"), a.Int("tickets", 10_000), a.Int("concurrency", 32),
                    a.Duration("warm-up") ?? TimeSpan.FromSeconds(30), a.Choice("dispatch", "separate", "at-intake") == "at-intake");
                return () => IntakeScenario.RunAsync(intake);
            case "deadlines":
                var deadlines = new DeadlinesOptions(a.Int("open", 100_000), a.Int("concurrency", 32), a.Duration("sign-for"), a.Storage(), a.OptionalText("connection"));
                return () => DeadlinesScenario.RunAsync(deadlines);
            case "memory":
                var grains = a.Int("grains", 100_000);
                var memory = new MemoryOptions(grains, a.Int("cells", MemoryOptions.DefaultCells(grains)), a.Int("concurrency", 32), a.Storage(), a.OptionalText("connection"));
                return () => MemoryScenario.RunAsync(memory);
            case "surge":
                var surge = new SurgeOptions(a.Int("tickets", 27_683), a.Int("concurrency", 32), a.Int("bursts", 12),
                    a.Duration("sign-for") ?? TimeSpan.FromMinutes(1), a.Storage(), a.OptionalText("connection"));
                return () => SurgeScenario.RunAsync(surge);
            case "restart":
                var open = a.Int("open", 100_000);
                var restart = new RestartOptions(open, a.Int("concurrency", 32), a.Duration("sign-for"),
                    a.Duration("catch-up") ?? TimeSpan.FromMinutes(1), a.Storage(), a.OptionalText("connection"), a.Int("due-in-dark", open));
                if (restart.DueInDark is < 1 || restart.DueInDark > open)
                {
                    throw new BenchUsageException($"--due-in-dark must be between 1 and --open ({open}).");
                }

                return () => RestartScenario.RunAsync(restart);
            case "faults":
                var faults = new FaultsOptions(a.Storage(), a.Int("tickets", 20_000), a.Int("concurrency", 32), a.Int("rounds", 3));
                return async () => (await FaultsScenario.RunAsync(faults)).Report;
            case "history":
                var history = History(a);
                return () => HistoryScenario.RunAsync(history);
            case "cluster":
                a.Choice("storage", "postgres");
                var cluster = new ClusterOptions(a.OptionalText("connection"), a.Int("tickets", 40));
                return () => ClusterScenario.RunAsync(cluster);
            case "routing":
                var data = a.OptionalText("data") ?? throw new BenchUsageException("routing needs --data <file.jsonl>.");
                if (!File.Exists(data))
                {
                    throw new BenchUsageException($"--data: no file '{data}'.");
                }

                return () => RoutingScenario.RunAsync(new RoutingBenchOptions(data));
            default:
                throw new BenchUsageException($"Unknown scenario '{a.Scenario}'.");
        }
    }

    private static HistoryOptions History(BenchArguments a)
    {
        var options = new HistoryOptions(a.Storage(), a.OptionalText("connection"), a.Int("tickets", 100_000), a.Int("calls", 100),
            a.OptionalText("keep") is { } keep ? Path.GetFullPath(keep) : null, a.OptionalText("reuse") is { } reuse ? Path.GetFullPath(reuse) : null);
        if ((options.Keep ?? options.Reuse) is not null && options.Connection is not null)
        {
            throw new BenchUsageException("--keep and --reuse keep the database in a server of the bench's own; leave out --connection.");
        }

        if (options.Keep is { } folder && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new BenchUsageException($"--keep: '{folder}' is not empty; name a new folder.");
        }

        if (options.Reuse is null)
        {
            return options;
        }

        if (options.Keep is not null || a.Given("tickets"))
        {
            throw new BenchUsageException("--reuse runs on the tickets its database was filled with; leave out --keep and --tickets.");
        }

        var filled = HistoryFilled.Read(options.Reuse)
            ?? throw new BenchUsageException($"--reuse: '{options.Reuse}' holds no database kept by history --keep.");
        return filled.Storage == options.Storage
            ? options
            : throw new BenchUsageException($"--reuse: '{options.Reuse}' holds a {filled.Storage} database; pass --storage {filled.Storage}.");
    }
}
