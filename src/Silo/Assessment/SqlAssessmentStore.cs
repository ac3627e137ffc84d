using System.Data.Common;
using HotlineDispatch.Assessment;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Assessment;

/// <summary>Reads the assessment's cases from the read model, and keeps the verified complaints beside them.</summary>
public sealed class SqlAssessmentStore(ReadModelDatabase database)
{
    /// <summary>
    /// The cases that were due in the period or overdue at some moment of it: those due in it, and those due
    /// before it that were still open at its start. The latter were either still open or ended late, which
    /// the partial indexes of readmodel.history.sql hold apart from years of cases ended on time.
    /// </summary>
    public async Task<IReadOnlyList<AssessmentCase>> CasesAsync(DateTimeOffset start, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        const string columns = "SELECT ticket_id, department, urgent, due_at, paused_at, ended_at, outcome FROM hotline_assessment_case";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            {columns} WHERE due_at >= @start AND due_at < @cutoff
            UNION ALL {columns} WHERE ended_at IS NULL AND due_at < @start
            UNION ALL {columns} WHERE ended_at > due_at AND ended_at > @start AND due_at < @start
            """)
            .With("start", start.ToUnixTimeMilliseconds())
            .With("cutoff", cutoff.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cases = new List<AssessmentCase>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(new AssessmentCase(
                reader.GetString(0),
                reader.GetString(1),
                Convert.ToInt32(reader.GetValue(2)) == 1,
                Instant(reader, 3)!.Value,
                Instant(reader, 4),
                Instant(reader, 5),
                reader.IsDBNull(6) ? null : Enum.Parse<CaseOutcome>(reader.GetString(6))));
        }

        return cases;
    }

    public async Task<IReadOnlyList<VerifiedComplaint>> ComplaintsAsync(string month, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT id, month, department, ticket_id, note, points, recorded_by, recorded_at FROM hotline_verified_complaint
            WHERE month = @month ORDER BY recorded_at, id
            """).With("month", month);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var complaints = new List<VerifiedComplaint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            complaints.Add(new VerifiedComplaint(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), Convert.ToInt32(reader.GetValue(5)), reader.GetString(6), Instant(reader, 7)!.Value));
        }

        return complaints;
    }

    /// <summary>Durable when this returns.</summary>
    public async Task AddComplaintAsync(VerifiedComplaint complaint, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO hotline_verified_complaint (id, month, department, ticket_id, note, points, recorded_by, recorded_at)
            VALUES (@id, @month, @department, @ticket, @note, @points, @by, @at)
            """)
            .With("id", complaint.Id)
            .With("month", complaint.Month)
            .With("department", complaint.Department)
            .With("ticket", complaint.TicketId)
            .With("note", complaint.Note)
            .With("points", complaint.Points)
            .With("by", complaint.RecordedBy)
            .With("at", complaint.RecordedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveComplaintAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("DELETE FROM hotline_verified_complaint WHERE id = @id").With("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static DateTimeOffset? Instant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(ordinal)));
}
