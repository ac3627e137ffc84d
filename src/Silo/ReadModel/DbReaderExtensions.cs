using System.Data.Common;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>Column reads that come out the same from SQLite and PostgreSQL (whose integer widths differ).</summary>
internal static class DbReaderExtensions
{
    public static string? TextOrNull(this DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    public static long? NumberOrNull(this DbDataReader reader, int i) => reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i));

    public static int Int(this DbDataReader reader, int i) => Convert.ToInt32(reader.GetValue(i));

    /// <summary>An instant stored as Unix milliseconds.</summary>
    public static DateTimeOffset Instant(this DbDataReader reader, int i) => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(i)));

    public static DateTimeOffset? InstantOrNull(this DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.Instant(i);

    /// <summary>Runs the query, disposes the command, and maps every row.</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(this DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }
}
