using System.Data.Common;
using System.Text;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// Finds and removes a resident's number or openid in the databases by searching every text column of every
/// read-model table and every stored grain state, rather than a list of known places: a table added later,
/// or a number typed into a free-text field, is found all the same.
/// </summary>
public sealed class PersonalDataTables(ReadModelDatabase readModel, HotlineStorage storage)
{
    /// <summary>Rows that exist only for the resident: they are deleted, not just redacted.</summary>
    private static readonly (string Table, string Column)[] OwnRows =
    [
        ("hotline_outbox", "reply_to"),
        ("hotline_call_draft", "from_number"),
        ("hotline_missed_call", "from_number"),
    ];

    private readonly ReadModelDatabase _grains = storage.IsPostgres
        ? ReadModelDatabase.Postgres(storage.ConnectionString)
        : ReadModelDatabase.Sqlite(storage.ConnectionString);

    private string Contains(string column) => readModel.IsPostgres ? $"strpos({column}, @needle) > 0" : $"instr({column}, @needle) > 0";

    /// <summary>Every read-model row that mentions the needle, as column → value, by table.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>> FindRowsAsync(string needle,
        CancellationToken cancellationToken)
    {
        await using var connection = await readModel.OpenAsync(cancellationToken);
        var found = new SortedDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>(StringComparer.Ordinal);
        foreach (var (table, columns) in await TextColumnsAsync(connection, cancellationToken))
        {
            var where = string.Join(" OR ", columns.Select(Contains));
            var rows = await connection.Command($"SELECT * FROM {table} WHERE {where}").With("needle", needle)
                .ReadAllAsync(r => (IReadOnlyDictionary<string, object?>)Enumerable.Range(0, r.FieldCount)
                    .ToDictionary(r.GetName, i => r.IsDBNull(i) ? null : r.GetValue(i)), cancellationToken);
            if (rows.Count > 0)
            {
                found[table] = rows;
            }
        }

        return found;
    }

    /// <summary>
    /// Deletes the resident's own rows (messages to them, their calls) and replaces the needle in every other
    /// text with <paramref name="mark"/>; answers how many rows each table changed.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> EraseRowsAsync(string needle, string mark, CancellationToken cancellationToken)
    {
        var changed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        await using var turn = await readModel.WriteTurnAsync(cancellationToken);
        await using var connection = await readModel.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (table, column) in OwnRows)
        {
            Count(table, await connection.Command($"DELETE FROM {table} WHERE {Contains(column)}", transaction)
                .With("needle", needle).RunAsync(cancellationToken));
        }

        // The audit is append-only, and it names residents only by masked numbers.
        foreach (var (table, columns) in (await TextColumnsAsync(connection, cancellationToken, transaction)).Where(t => t.Table != "hotline_audit"))
        {
            foreach (var column in columns.Where(c => c != "id"))
            {
                Count(table, await connection.Command($"UPDATE {table} SET {column} = replace({column}, @needle, @mark) WHERE {Contains(column)}", transaction)
                    .With("needle", needle).With("mark", mark).RunAsync(cancellationToken));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;

        void Count(string table, int rows)
        {
            if (rows > 0) changed[table] = changed.GetValueOrDefault(table) + rows;
        }
    }

    /// <summary>
    /// Replaces the needle in the text of every read-model row that belongs to one ticket (a table with a
    /// <c>ticket_id</c>: alerts quoting the report, Open311 requests, routing corrections, messages to the resident).
    /// </summary>
    public async Task RedactTicketRowsAsync(string ticketId, string needle, string mark, CancellationToken cancellationToken)
    {
        await using var turn = await readModel.WriteTurnAsync(cancellationToken);
        await using var connection = await readModel.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (table, columns) in await TextColumnsAsync(connection, cancellationToken, transaction))
        {
            if (!columns.Contains("ticket_id") || table == "hotline_audit")
            {
                continue;
            }

            foreach (var column in columns.Where(c => c is not ("id" or "ticket_id")))
            {
                await connection.Command($"UPDATE {table} SET {column} = replace({column}, @needle, @mark) WHERE ticket_id = @ticket AND {Contains(column)}", transaction)
                    .With("ticket", ticketId).With("needle", needle).With("mark", mark).RunAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The grain states (state name and key) whose stored bytes contain the needle.</summary>
    public async Task<IReadOnlyList<GrainStateRef>> FindGrainStatesAsync(string needle, CancellationToken cancellationToken)
    {
        await using var connection = await _grains.OpenAsync(cancellationToken);
        var contains = _grains.IsPostgres ? "position(@needle in payload) > 0" : "instr(payload, @needle) > 0";
        return await connection.Command($"SELECT grain_type, grain_id_extension FROM orleans_storage WHERE payload IS NOT NULL AND {contains} ORDER BY grain_type, grain_id_extension")
            .With("needle", Encoding.UTF8.GetBytes(needle))
            .ReadAllAsync(r => new GrainStateRef(r.GetString(0), r.GetString(1)), cancellationToken);
    }

    /// <summary>The keys of the stored states of one kind, optionally only those last written before <paramref name="writtenBefore"/>.</summary>
    public async Task<IReadOnlyList<string>> StateKeysAsync(string type, DateTimeOffset? writtenBefore, CancellationToken cancellationToken)
    {
        await using var connection = await _grains.OpenAsync(cancellationToken);
        // SQLite keeps modified_on as CURRENT_TIMESTAMP's UTC text, which sorts as it reads.
        object? before = writtenBefore is not { } at ? null
            : _grains.IsPostgres ? at.UtcDateTime : at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var older = before is null ? "" : "AND modified_on < @before";
        return await connection.Command($"""
            SELECT grain_id_extension FROM orleans_storage
            WHERE grain_type = @type AND payload IS NOT NULL {older}
            ORDER BY grain_id_extension
            """)
            .With("type", type).With("before", before)
            .ReadAllAsync(r => r.GetString(0), cancellationToken);
    }

    private async Task<IReadOnlyList<(string Table, IReadOnlyList<string> Columns)>> TextColumnsAsync(DbConnection connection,
        CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        var sql = readModel.IsPostgres
            ? """
              SELECT table_name, column_name FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name LIKE 'hotline\_%' AND data_type = 'text'
              ORDER BY table_name, ordinal_position
              """
            : """
              SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
              WHERE m.type = 'table' AND m.name LIKE 'hotline\_%' ESCAPE '\' AND upper(c.type) = 'TEXT'
              ORDER BY m.name, c.cid
              """;
        var columns = await connection.Command(sql, transaction).ReadAllAsync(r => (Table: r.GetString(0), Column: r.GetString(1)), cancellationToken);
        return columns.GroupBy(c => c.Table).Select(g => (g.Key, (IReadOnlyList<string>)g.Select(c => c.Column).ToList())).ToList();
    }
}

/// <summary>A stored grain state: the <c>[PersistentState]</c> name and the grain's key.</summary>
public sealed record GrainStateRef(string Type, string Key);
