using HotlineDispatch.Measures;
using HotlineDispatch.Silo.Measures;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tests.Infrastructure;

namespace HotlineDispatch.Tests.Storage;

/// <summary>
/// The counters come back as one text per group and are added up in the silo: a counter found in several spans
/// (odd days, whole months, a whole year) is summed once per span, in the database's order of the groups.
/// </summary>
public abstract class MeasureSumTests(string storageKind)
{
    [Fact]
    public async Task A_period_across_days_months_and_a_year_sums_each_counter_of_each_group()
    {
        var database = (await TestStorage.CreateAsync(storageKind)).ReadModel();
        await ExecuteAsync(database, """
            INSERT INTO hotline_measure (day, dimension, value, measure, n) VALUES
                ('2024-12-30', 'gridCell', 'G2', 'accepted', 1), ('2024-12-30', 'gridCell', 'G2', 'overdue', 2),
                ('2024-12-29', 'gridCell', 'G2', 'accepted', 100), ('2026-02-03', 'gridCell', 'G1', 'accepted', 7),
                ('2026-02-03', 'department', 'CGJ', 'accepted', 1000);
            INSERT INTO hotline_measure_month (dimension, month, value, measure, n) VALUES
                ('gridCell', '2026-01', 'G1', 'accepted', 10), ('gridCell', '2026-01', 'G1', 'committedMinutes', -30),
                ('gridCell', '2026-01', 'G1', 'aMeasureOfOldVersions', 5), ('gridCell', '2026-02', 'G1', 'accepted', 1000);
            INSERT INTO hotline_measure_year (dimension, year, value, measure, n) VALUES
                ('gridCell', '2025', 'G1', 'accepted', 300), ('gridCell', '2025', 'G2', 'overdue', 40),
                ('gridCell', '2025', 'G1', 'satisfied', 12345678901);
            """);
        var store = new SqlMeasureStore(database);

        var sums = await store.SumAsync(StatsDimension.GridCell, new DateOnly(2024, 12, 30), new DateOnly(2026, 2, 3), CancellationToken.None);
        var streamed = new List<string>();
        await foreach (var (value, _) in store.StreamAsync(StatsDimension.GridCell, new DateOnly(2024, 12, 30), new DateOnly(2026, 2, 3), CancellationToken.None))
        {
            streamed.Add(value);
        }

        Assert.Equal(["G1", "G2"], sums.Keys);
        Assert.Equal(["G1", "G2"], streamed);
        Assert.Equal((317L, -30L, 12345678901L, 0L), (sums["G1"][Measure.Accepted], sums["G1"][Measure.CommittedMinutes],
            sums["G1"][Measure.Satisfied], sums["G1"]["aMeasureOfOldVersions"]));
        Assert.Equal((1L, 42L), (sums["G2"][Measure.Accepted], sums["G2"][Measure.Overdue]));
    }

    private static async Task ExecuteAsync(ReadModelDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.Command(sql);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqliteMeasureSumTests() : MeasureSumTests(TestStorage.Sqlite);

public sealed class PostgresMeasureSumTests() : MeasureSumTests(TestStorage.Postgres);
