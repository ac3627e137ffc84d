using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;

namespace HotlineDispatch.Bench.Scenarios;

/// <summary>
/// The bulk path into the read model: rows gathered per table and written a batch at a time, in one
/// transaction of one prepared statement on SQLite and by COPY on PostgreSQL. Memory stays at one batch
/// a table whatever the history's size.
/// </summary>
public sealed class HistoryRows(DbConnection connection, bool postgres) : IAsyncDisposable
{
    private const int BatchRows = 20_000;

    private readonly Dictionary<string, (string[] Columns, List<object?[]> Rows)> _tables = new(StringComparer.Ordinal);

    public long Written { get; private set; }

    public async Task AddAsync(string table, string[] columns, params object?[] values)
    {
        if (!_tables.TryGetValue(table, out var buffer))
        {
            _tables[table] = buffer = (columns, new List<object?[]>(BatchRows));
        }

        buffer.Rows.Add(values);
        if (buffer.Rows.Count >= BatchRows)
        {
            await FlushAsync(table, buffer.Columns, buffer.Rows);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (table, (columns, rows)) in _tables)
        {
            await FlushAsync(table, columns, rows);
        }
    }

    private async Task FlushAsync(string table, string[] columns, List<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (postgres)
        {
            await CopyAsync(table, columns, rows);
        }
        else
        {
            await InsertAsync(table, columns, rows);
        }

        Written += rows.Count;
        rows.Clear();
    }

    private async Task InsertAsync(string table, string[] columns, List<object?[]> rows)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{i}";
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        await command.PrepareAsync();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private async Task CopyAsync(string table, string[] columns, List<object?[]> rows)
    {
        await using var writer = await ((NpgsqlConnection)connection).BeginTextImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN");
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0) line.Append('\t');
                line.Append(row[i] switch
                {
                    null => @"\N",
                    // A text[] of hex words, which need no quoting inside the array.
                    string[] words => $"{{{string.Join(',', words)}}}",
                    string text => text.Replace(@"\", @"\\").Replace("\t", @"\t").Replace("\n", @"\n").Replace("\r", @"\r"),
                    IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString(),
                });
            }

            await writer.WriteLineAsync(line.ToString());
        }
    }
}
