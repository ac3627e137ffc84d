using System.Data.Common;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Voice;

internal static class VoicePaging
{
    /// <summary>Counts a table's rows, optionally of one state, and prepares the command reading one page of them.</summary>
    public static async Task<(int Total, DbCommand Rows)> PageAsync(this DbConnection connection, string table, string columns,
        string stateColumn, string? state, string order, int page, int pageSize, CancellationToken cancellationToken)
    {
        var where = state is null ? "" : $"WHERE {stateColumn} = @state";
        await using var count = connection.Command($"SELECT COUNT(*) FROM {table} {where}");
        var rows = connection.Command($"SELECT {columns} FROM {table} {where} ORDER BY {order} LIMIT @limit OFFSET @offset");
        if (state is not null)
        {
            count.With("state", state);
            rows.With("state", state);
        }

        rows.With("limit", pageSize).With("offset", (page - 1) * pageSize);
        return (Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken)), rows);
    }
}
