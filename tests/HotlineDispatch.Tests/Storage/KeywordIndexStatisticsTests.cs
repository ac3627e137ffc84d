using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace HotlineDispatch.Tests.Storage;

/// <summary>
/// SQLite's planner statistics, taken at the first start when the keyword index's page table held two rows, made
/// FTS5 read the whole table for every range of pages it merged: the storm day's keyword writes grew with the index.
/// </summary>
public sealed class KeywordIndexStatisticsTests
{
    [Fact]
    public async Task After_the_statistics_are_taken_the_keyword_index_still_reads_its_pages_by_their_ids()
    {
        var database = (await TestStorage.CreateAsync(TestStorage.Sqlite)).ReadModel();
        var backfill = new TicketSearchBackfill(database, TimeProvider.System, NullLogger<TicketSearchBackfill>.Instance);

        await backfill.OptimizeAsync(CancellationToken.None);
        await backfill.OptimizeAsync(CancellationToken.None);

        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var plan = connection.Command("EXPLAIN QUERY PLAN DELETE FROM hotline_ticket_grams_data WHERE id >= 10 AND id <= 20");
        await using var reader = await plan.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.StartsWith("SEARCH hotline_ticket_grams_data", reader.GetString(3));
        await using var analysed = connection.Command("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl NOT LIKE 'hotline_ticket_grams%'");
        Assert.True(Convert.ToInt64(await analysed.ExecuteScalarAsync()) > 0, "the other tables keep their statistics");
    }
}
