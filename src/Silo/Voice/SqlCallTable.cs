using System.Data.Common;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Voice;

/// <summary>
/// A table of the voice channel, one row per CallSid with a <c>state</c>: read a page of it, or one row.
/// <paramref name="shown"/> is a condition on the table's rows (as <c>t</c>) that a row must meet to be seen at all.
/// </summary>
public abstract class SqlCallTable<T>(ReadModelDatabase database, string table, string columns, string order, string shown = "1 = 1")
    where T : class
{
    protected ReadModelDatabase Database => database;

    /// <summary>The rows that are seen, for statements of the subclass that must agree with the lists.</summary>
    protected string Shown => shown;

    public async Task<(IReadOnlyList<T> Items, int Total)> ListAsync(string? state, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var where = state is null ? $"WHERE {shown}" : $"WHERE {shown} AND state = @state";
        await using var count = connection.Command($"SELECT COUNT(*) FROM {table} t {where}");
        var rows = connection.Command($"SELECT {columns} FROM {table} t {where} ORDER BY {order} LIMIT @limit OFFSET @offset");
        if (state is not null)
        {
            count.With("state", state);
            rows.With("state", state);
        }

        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        return (await rows.With("limit", pageSize).With("offset", (page - 1) * pageSize).ReadAllAsync(Map, cancellationToken), total);
    }

    public async Task<T?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.Command($"SELECT {columns} FROM {table} t WHERE id = @id AND {shown}").With("id", id).ReadAllAsync(Map, cancellationToken))
            .FirstOrDefault();
    }

    protected abstract T Map(DbDataReader reader);
}
