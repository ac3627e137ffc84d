using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HotlineDispatch.Tests.Storage;

/// <summary>The monthly, quarterly and yearly counters: how a period is cut into them, and the one roll-up of rows older than they are.</summary>
public sealed class MeasureRollupTests
{
    [Fact]
    public void A_period_reads_whole_years_whole_quarters_whole_months_and_the_odd_days_at_its_ends()
    {
        Assert.Equal(
        [
            new MeasureSpans.Span("hotline_measure", "day", "2024-11-20", "2024-11-30"),
            new MeasureSpans.Span("hotline_measure_month", "month", "2024-12", "2024-12"),
            new MeasureSpans.Span("hotline_measure_year", "year", "2025", "2025"),
            new MeasureSpans.Span("hotline_measure_month", "month", "2026-01", "2026-02"),
            new MeasureSpans.Span("hotline_measure", "day", "2026-03-01", "2026-03-10"),
        ], MeasureSpans.Of(new DateOnly(2024, 11, 20), new DateOnly(2026, 3, 10)));
        Assert.Equal(
        [
            new MeasureSpans.Span("hotline_measure_year", "year", "0001", "2025"),
            new MeasureSpans.Span("hotline_measure", "day", "2026-01-01", "2026-01-01"),
        ], MeasureSpans.Of(DateOnly.MinValue, new DateOnly(2026, 1, 1)));
        Assert.Equal([new MeasureSpans.Span("hotline_measure", "day", "2026-03-02", "2026-03-30")],
            MeasureSpans.Of(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 30)));
        Assert.Equal([new MeasureSpans.Span("hotline_measure_month", "month", "2026-02", "2026-02")],
            MeasureSpans.Of(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)));
        Assert.Equal([new MeasureSpans.Span("hotline_measure_year", "year", "0001", "9999")], MeasureSpans.Of(DateOnly.MinValue, DateOnly.MaxValue));
        Assert.Equal(
        [
            new MeasureSpans.Span("hotline_measure", "day", "2026-03-02", "2026-03-31"),
            new MeasureSpans.Span("hotline_measure_quarter", "quarter", "2026-Q2", "2026-Q4"),
            new MeasureSpans.Span("hotline_measure_year", "year", "2027", "9999"),
        ], MeasureSpans.Of(new DateOnly(2026, 3, 2), DateOnly.MaxValue));
        Assert.Equal([new MeasureSpans.Span("hotline_measure_quarter", "quarter", "2026-Q3", "2026-Q3")],
            MeasureSpans.Of(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)));
        Assert.Equal(
        [
            new MeasureSpans.Span("hotline_measure", "day", "2025-08-31", "2025-08-31"),
            new MeasureSpans.Span("hotline_measure_month", "month", "2025-09", "2025-09"),
            new MeasureSpans.Span("hotline_measure_quarter", "quarter", "2025-Q4", "2026-Q1"),
            new MeasureSpans.Span("hotline_measure_month", "month", "2026-04", "2026-04"),
            new MeasureSpans.Span("hotline_measure", "day", "2026-05-01", "2026-05-02"),
        ], MeasureSpans.Of(new DateOnly(2025, 8, 31), new DateOnly(2026, 5, 2)));
        Assert.Equal(["2026-Q1", "2026-Q1", "2026-Q2", "2026-Q4"], new[] { "2026-01-01", "2026-03", "2026-04-30", "2026-12-31" }.Select(MeasureSpans.Quarter));
    }

    [Fact]
    public async Task Daily_counters_from_before_the_roll_ups_are_rolled_up_once_at_start_up()
    {
        var storage = HotlineStorage.Sqlite(TestStorage.TempDirectory());
        await storage.EnsureSchemaAsync(CancellationToken.None);
        await QueryAsync(storage.ReadModelConnectionString, """
            INSERT INTO hotline_measure VALUES ('2025-11-03', 'gridCell', 'G1', 'accepted', 2), ('2025-11-29', 'gridCell', 'G1', 'accepted', 3),
                ('2025-12-01', 'gridCell', 'G1', 'accepted', 4), ('2025-12-01', 'department', 'CGJ', 'replied', 1);
            DELETE FROM hotline_measure_rolled_up;
            """);

        await storage.EnsureSchemaAsync(CancellationToken.None);
        await storage.EnsureSchemaAsync(CancellationToken.None);

        Assert.Equal(["department 2025-12 CGJ replied 1", "gridCell 2025-11 G1 accepted 5", "gridCell 2025-12 G1 accepted 4"],
            await QueryAsync(storage.ReadModelConnectionString,
                "SELECT dimension || ' ' || month || ' ' || value || ' ' || measure || ' ' || n FROM hotline_measure_month ORDER BY 1"));
        Assert.Equal(["department 2025 CGJ replied 1", "gridCell 2025 G1 accepted 9"],
            await QueryAsync(storage.ReadModelConnectionString,
                "SELECT dimension || ' ' || year || ' ' || value || ' ' || measure || ' ' || n FROM hotline_measure_year ORDER BY 1"));
        Assert.Equal(["department 2025-Q4 CGJ replied 1", "gridCell 2025-Q4 G1 accepted 9"], await QuartersAsync(storage));
    }

    [Fact]
    public async Task A_database_rolled_up_before_the_quarters_gets_them_from_its_months_once()
    {
        var storage = HotlineStorage.Sqlite(TestStorage.TempDirectory());
        await storage.EnsureSchemaAsync(CancellationToken.None);
        await QueryAsync(storage.ReadModelConnectionString, """
            INSERT INTO hotline_measure_month VALUES ('gridCell', '2025-09', 'G1', 'accepted', 2), ('gridCell', '2025-10', 'G1', 'accepted', 3),
                ('gridCell', '2025-12', 'G1', 'accepted', 4), ('channel', '2026-01', 'sms', 'replied', 1);
            DELETE FROM hotline_measure_rolled_up WHERE version = 2;
            """);

        await storage.EnsureSchemaAsync(CancellationToken.None);
        await storage.EnsureSchemaAsync(CancellationToken.None);

        Assert.Equal(["channel 2026-Q1 sms replied 1", "gridCell 2025-Q3 G1 accepted 2", "gridCell 2025-Q4 G1 accepted 7"], await QuartersAsync(storage));
    }

    private static Task<List<string>> QuartersAsync(HotlineStorage storage) => QueryAsync(storage.ReadModelConnectionString,
        "SELECT dimension || ' ' || quarter || ' ' || value || ' ' || measure || ' ' || n FROM hotline_measure_quarter ORDER BY 1");

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
