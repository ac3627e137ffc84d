using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Measures;

/// <summary>Sums the daily counters of one slice over a period: the work grows with days × groups, not with tickets.</summary>
public sealed class SqlMeasureStore(ReadModelDatabase database)
{
    public async Task<IReadOnlyDictionary<string, Dictionary<string, long>>> SumAsync(
        string dimension, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT value, measure, SUM(n) FROM hotline_measure
            WHERE dimension = @dimension AND day >= @from AND day <= @to
            GROUP BY value, measure
            """)
            .With("dimension", dimension)
            .With("from", from.ToString("yyyy-MM-dd"))
            .With("to", to.ToString("yyyy-MM-dd"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var groups = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = reader.GetString(0);
            if (!groups.TryGetValue(value, out var counts))
            {
                groups[value] = counts = new Dictionary<string, long>();
            }

            counts[reader.GetString(1)] = Convert.ToInt64(reader.GetValue(2));
        }

        return groups;
    }
}
