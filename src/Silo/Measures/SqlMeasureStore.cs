using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Measures;

/// <summary>Sums the daily counters of one slice over a period: the work grows with days × groups, not with tickets.</summary>
public sealed class SqlMeasureStore(ReadModelDatabase database)
{
    public async Task<IReadOnlyDictionary<string, Dictionary<string, long>>> SumAsync(
        string dimension, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var groups = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        await foreach (var (value, counts) in StreamAsync(dimension, from, to, cancellationToken))
        {
            groups[value] = counts;
        }

        return groups;
    }

    /// <summary>The same sums one group at a time, in the database's order of the group values, as the reader yields them.</summary>
    public async IAsyncEnumerable<(string Value, Dictionary<string, long> Counts)> StreamAsync(
        string dimension, DateOnly from, DateOnly to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT value, measure, SUM(n) FROM hotline_measure
            WHERE dimension = @dimension AND day >= @from AND day <= @to
            GROUP BY value, measure
            ORDER BY value
            """)
            .With("dimension", dimension)
            .With("from", from.ToString("yyyy-MM-dd"))
            .With("to", to.ToString("yyyy-MM-dd"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? current = null;
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = reader.GetString(0);
            if (current is not null && value != current)
            {
                yield return (current, counts);
                counts = new Dictionary<string, long>();
            }

            current = value;
            counts[reader.GetString(1)] = Convert.ToInt64(reader.GetValue(2));
        }

        if (current is not null)
        {
            yield return (current, counts);
        }
    }
}
