using HotlineDispatch.Bench.Scenarios;

namespace HotlineDispatch.Tests.Processes;

/// <summary>
/// The bench's fault scenario at a small size: while tickets are being taken in and dispatched, the
/// silo is killed with SIGKILL (and on PostgreSQL the database server, one of the test's own, is
/// crashed and restarted) — and still every acknowledged ticket is there exactly once, in the grain
/// and in the list, and every sign-for limit that passed produced its yellow and red card once.
/// </summary>
public sealed class FaultTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_the_silo_and_crashing_the_database_under_load_loses_and_duplicates_nothing(string storage)
    {
        var (findings, report) = await FaultsScenario.RunAsync(new FaultsOptions(storage, Tickets: 160, Concurrency: 8, Rounds: 2));

        var table = new StringWriter();
        report.WriteTable(table);
        Assert.True(findings.Acknowledged > 0, table.ToString());
        Assert.True(findings.Cards.Expected > 0, table.ToString());
        Assert.True(findings.Clean, table.ToString());
    }
}
