using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Measures;

/// <summary>Sums the counters of one slice over a period: the work grows with the spans of <see cref="MeasureSpans"/> × groups, not with tickets or days.</summary>
public sealed class SqlMeasureStore(ReadModelDatabase database)
{
    public async Task<IReadOnlyDictionary<string, MeasureCounts>> SumAsync(
        string dimension, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var groups = new SortedDictionary<string, MeasureCounts>(StringComparer.Ordinal);
        await foreach (var (value, counts) in StreamAsync(dimension, from, to, cancellationToken))
        {
            groups[value] = counts;
        }

        return groups;
    }

    /// <summary>The same sums one group at a time, in the database's order of the group values, as the reader yields them.</summary>
    public async IAsyncEnumerable<(string Value, MeasureCounts Counts)> StreamAsync(
        string dimension, DateOnly from, DateOnly to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Each span reads its table's primary key range; a span of one month or year reads it with =, so a period of
        // one span groups the rows in the key's own order, with no sort.
        var spans = MeasureSpans.Of(from, to);
        await using var command = connection.Command("");
        command.With("dimension", dimension);
        var parts = new List<string>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            command.With($"from{i}", span.From).With($"to{i}", span.To);
            var range = span.From == span.To ? $"{span.Column} = @from{i}" : $"{span.Column} >= @from{i} AND {span.Column} <= @to{i}";
            parts.Add($"SELECT value, measure, n FROM {span.Table} WHERE dimension = @dimension AND {range}");
        }

        // One row per group with its counters in one text: a row per group and counter (805 cells × 25) cost the data
        // reader several times what the database spent. The silo adds up a counter that comes from several spans.
        command.CommandText = $"""
            SELECT value, string_agg(measure || ':' || n, ',') FROM ({string.Join(" UNION ALL ", parts)}) spans
            GROUP BY value
            ORDER BY value
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var counts = new MeasureCounts();
            counts.AddAll(reader.GetString(1));
            yield return (reader.GetString(0), counts);
        }
    }
}
