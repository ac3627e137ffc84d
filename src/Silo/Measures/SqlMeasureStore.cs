using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Measures;

/// <summary>Sums the counters of one slice over a period: the work grows with the spans of <see cref="MeasureSpans"/> × groups, not with tickets or days.</summary>
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
        // Each span reads its table's primary key range; the sums of all of them are grouped once.
        var spans = MeasureSpans.Of(from, to);
        await using var command = connection.Command("");
        command.With("dimension", dimension);
        var parts = new List<string>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            command.With($"from{i}", span.From).With($"to{i}", span.To);
            parts.Add($"SELECT value, measure, n FROM {span.Table} WHERE dimension = @dimension AND {span.Column} >= @from{i} AND {span.Column} <= @to{i}");
        }

        command.CommandText = $"""
            SELECT value, measure, SUM(n) FROM ({string.Join(" UNION ALL ", parts)}) spans
            GROUP BY value, measure
            ORDER BY value
            """;
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
