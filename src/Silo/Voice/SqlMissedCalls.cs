using System.Data.Common;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Voice;

/// <summary>The missed-call list, one row per CallSid, so a repeated status callback adds nothing.</summary>
public sealed class SqlMissedCalls(ReadModelDatabase database)
{
    private const string Columns =
        "id, from_number, to_number, call_status, missed_at, state, attempts, outcome, note, called_back_by, called_back_at";

    public async Task AddAsync(string callSid, string? from, string? to, string callStatus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.Command("""
            INSERT INTO hotline_missed_call (id, from_number, to_number, call_status, missed_at, state, attempts)
            VALUES (@id, @from, @to, @status, @now, @open, 0)
            ON CONFLICT (id) DO NOTHING
            """)
            .With("id", callSid).With("from", from).With("to", to).With("status", callStatus)
            .With("now", now.ToUnixTimeMilliseconds()).With("open", MissedCall.Open)
            .ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(IReadOnlyList<MissedCall> Items, int Total)> ListAsync(string? state, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (total, rows) = await connection.PageAsync("hotline_missed_call", Columns, "state", state, "missed_at, id", page, pageSize, cancellationToken);
        return (await ReadAsync(rows, cancellationToken), total);
    }

    public async Task<MissedCall?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadAsync(connection.Command($"SELECT {Columns} FROM hotline_missed_call WHERE id = @id").With("id", id), cancellationToken))
            .FirstOrDefault();
    }

    /// <summary>Records a call-back on an open missed call; false when it is already done.</summary>
    public async Task<bool> CallBackAsync(string id, string outcome, string? note, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.Command("""
            UPDATE hotline_missed_call SET state = @state, attempts = attempts + 1, outcome = @outcome, note = @note,
                called_back_by = @by, called_back_at = @now
            WHERE id = @id AND state = @open
            """)
            .With("state", outcome == MissedCall.NoAnswer ? MissedCall.Open : MissedCall.Done)
            .With("outcome", outcome).With("note", note).With("by", by).With("now", now.ToUnixTimeMilliseconds())
            .With("id", id).With("open", MissedCall.Open)
            .ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<IReadOnlyList<MissedCall>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var calls = new List<MissedCall>();
            while (await reader.ReadAsync(cancellationToken))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                calls.Add(new MissedCall(reader.GetString(0), Text(1), Text(2), reader.GetString(3),
                    DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(4))), reader.GetString(5),
                    Convert.ToInt32(reader.GetValue(6)), Text(7), Text(8), Text(9),
                    reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(10)))));
            }

            return calls;
        }
    }
}
