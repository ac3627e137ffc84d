using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace HotlineDispatch.Bench.Scenarios;

/// <summary>
/// The bulk path into the read model: rows gathered per table a batch at a time and handed to a writer on
/// the other core, so the history is generated while the previous batch is stored; the writer inserts with one
/// prepared statement bound by position on SQLite and by COPY on PostgreSQL. The read model's own secondary
/// indexes are dropped for the load and built again at the end, a sort each instead of millions of random
/// inserts. On SQLite the fill also runs without a journal or syncs: the file is the bench's, and a fill that
/// dies is started again. The tables end as the schema made them: same indexes, WAL, logged tables.
/// Memory stays at a few batches whatever the history's size.
/// </summary>
public sealed class HistoryRows : IAsyncDisposable
{
    private const int BatchRows = 20_000;

    private static readonly SearchValues<char> CopyEscaped = SearchValues.Create("\\\t\n\r");

    private readonly DbConnection _connection;
    private readonly bool _postgres;
    private readonly Dictionary<string, (string[] Columns, List<object?[]> Rows)> _tables = new(StringComparer.Ordinal);
    private readonly Channel<(string Table, string[] Columns, List<object?[]> Rows)> _batches =
        Channel.CreateBounded<(string, string[], List<object?[]>)>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
    private readonly Dictionary<string, sqlite3_stmt> _inserts = new(StringComparer.Ordinal);
    private readonly List<string> _indexes;
    private readonly string? _synchronous;
    private readonly Task _writer;

    private HistoryRows(DbConnection connection, bool postgres, List<string> indexes, string? synchronous)
    {
        _connection = connection;
        _postgres = postgres;
        _indexes = indexes;
        _synchronous = synchronous;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Drops the read model's secondary indexes (keeping what they were) and readies the connection for the load.</summary>
    public static async Task<HistoryRows> OpenAsync(DbConnection connection, bool postgres)
    {
        var indexes = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            // Indexes behind a primary key or a unique constraint stay: their tables' rows need them.
            command.CommandText = postgres
                ? """
                  SELECT indexname, indexdef FROM pg_indexes
                  WHERE schemaname = current_schema() AND tablename LIKE 'hotline\_%'
                    AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)
                  ORDER BY indexname
                  """
                : "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name LIKE 'hotline\\_%' ESCAPE '\\' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            var names = new List<string>();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
                indexes.Add(reader.GetString(1));
            }

            await reader.DisposeAsync();
            foreach (var name in names)
            {
                await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");
            }
        }

        string? synchronous = null;
        if (postgres)
        {
            // Each COPY commits; the commits need not wait for the disk, the tables stay ordinary logged ones.
            await ExecuteAsync(connection, "SET synchronous_commit = off");
        }
        else
        {
            synchronous = (await ScalarAsync(connection, "PRAGMA synchronous"))!.ToString();
            // Leaving WAL needs the only connection to the file: one left open in the pool would keep the journal on.
            if ((await ScalarAsync(connection, "PRAGMA journal_mode = OFF"))?.ToString() != "off")
            {
                throw new InvalidOperationException("The read model kept its journal; another connection holds the file open.");
            }

            await ExecuteAsync(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144");
        }

        return new HistoryRows(connection, postgres, indexes, synchronous);
    }

    public async ValueTask AddAsync(string table, string[] columns, params object?[] values)
    {
        if (!_tables.TryGetValue(table, out var buffer))
        {
            _tables[table] = buffer = (columns, new List<object?[]>(BatchRows));
        }

        buffer.Rows.Add(values);
        if (buffer.Rows.Count >= BatchRows)
        {
            _tables[table] = (columns, new List<object?[]>(BatchRows));
            await _batches.Writer.WriteAsync((table, columns, buffer.Rows));
        }
    }

    /// <summary>Writes what is left, builds the dropped indexes again and puts the connection back as the schema had it.</summary>
    public async Task CompleteAsync()
    {
        foreach (var (table, (columns, rows)) in _tables)
        {
            await _batches.Writer.WriteAsync((table, columns, rows));
        }

        _batches.Writer.Complete();
        await _writer;
        if (_postgres)
        {
            await ExecuteAsync(_connection, "SET maintenance_work_mem = '512MB'");
        }

        var built = Stopwatch.StartNew();
        foreach (var index in _indexes)
        {
            await ExecuteAsync(_connection, index);
        }

        Console.Error.WriteLine($"built {_indexes.Count} indexes in {built.Elapsed.TotalSeconds:F1} s");

        await ExecuteAsync(_connection, _postgres
            ? "RESET maintenance_work_mem; RESET synchronous_commit"
            : $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {_synchronous}; PRAGMA cache_size = -2000");
    }

    public async ValueTask DisposeAsync()
    {
        _batches.Writer.TryComplete();
        await _writer;
    }

    private async Task WriteAsync()
    {
        try
        {
            await foreach (var (table, columns, rows) in _batches.Reader.ReadAllAsync())
            {
                if (rows.Count == 0)
                {
                    continue;
                }

                if (_postgres)
                {
                    await CopyAsync(table, columns, rows);
                }
                else
                {
                    Insert(table, columns, rows);
                }

            }
        }
        catch (Exception ex)
        {
            // The generator waiting on a full channel hears of it instead of waiting for ever.
            _batches.Writer.TryComplete(ex);
            throw;
        }
        finally
        {
            foreach (var statement in _inserts.Values)
            {
                statement.Dispose();
            }
        }
    }

    /// <summary>
    /// SQLite's own API rather than the ADO.NET command: a parameter of the command is found by its name in the
    /// statement on every execution, and the bench writes tens of millions of rows.
    /// </summary>
    private void Insert(string table, string[] columns, List<object?[]> rows)
    {
        var db = ((SqliteConnection)_connection).Handle!;
        if (!_inserts.TryGetValue(table, out var statement))
        {
            Check(db, raw.sqlite3_prepare_v2(db, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})",
                out statement));
            _inserts[table] = statement;
        }

        using var transaction = _connection.BeginTransaction();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                Check(db, row[i] switch
                {
                    null => raw.sqlite3_bind_null(statement, i + 1),
                    string text => raw.sqlite3_bind_text(statement, i + 1, text),
                    var number => raw.sqlite3_bind_int64(statement, i + 1, Convert.ToInt64(number, CultureInfo.InvariantCulture)),
                });
            }

            var step = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (step != raw.SQLITE_DONE)
            {
                Check(db, step);
            }
        }

        transaction.Commit();
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result);
        }
    }

    private async Task CopyAsync(string table, string[] columns, List<object?[]> rows)
    {
        await using var writer = await ((NpgsqlConnection)_connection).BeginTextImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN");
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0) line.Append('\t');
                switch (row[i])
                {
                    case null:
                        line.Append(@"\N");
                        break;
                    case string[] words:
                        // A text[] of hex words, which need no quoting inside the array.
                        line.Append('{').AppendJoin(',', words).Append('}');
                        break;
                    case string text:
                        AppendEscaped(line, text);
                        break;
                    case IFormattable number:
                        line.Append(number.ToString(null, CultureInfo.InvariantCulture));
                        break;
                    case var other:
                        line.Append(other);
                        break;
                }
            }

            line.Append('\n');
            await writer.WriteAsync(line);
        }
    }

    /// <summary>COPY's text format: a backslash, tab, newline or carriage return is written as its escape.</summary>
    private static void AppendEscaped(StringBuilder line, string text)
    {
        if (text.AsSpan().IndexOfAny(CopyEscaped) < 0)
        {
            line.Append(text);
            return;
        }

        foreach (var c in text)
        {
            line.Append(c switch { '\\' => @"\\", '\t' => @"\t", '\n' => @"\n", '\r' => @"\r", _ => c.ToString() });
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
