using System.Data.Common;
using HotlineDispatch.Assessment;
using HotlineDispatch.Silo.ReadModel;

namespace HotlineDispatch.Silo.Assessment;

/// <summary>Reads the assessment's cases from the read model, and keeps the verified complaints beside them.</summary>
public sealed class SqlAssessmentStore(ReadModelDatabase database)
{
    /// <summary>The columns <see cref="ReadCasesAsync"/> reads, in its order.</summary>
    internal const string CaseColumns = "ticket_id, department, urgent, due_at, paused_at, ended_at, outcome";

    /// <summary>
    /// The completion counts of cases grouped by <c>@cutoff</c>, as <see cref="CompletionTally.Of(AssessmentCase, DateTimeOffset, DateTimeOffset)"/>
    /// counts them. A CASE with a NULL outcome or ended_at falls to its ELSE, as the C# comparisons with null are false.
    /// </summary>
    internal const string CountsAtCutoff = """
        SUM(CASE WHEN outcome IN ('Returned', 'Merged', 'Redispatched') AND ended_at <= @cutoff THEN 0 ELSE 1 END),
        SUM(CASE WHEN outcome = 'Replied' AND ended_at <= @cutoff THEN 1 ELSE 0 END)
        """;

    /// <summary>
    /// The completion counts of each department with cases due in the period up to the cut-off, summed where the
    /// cases are. The covering index of readmodel.history.sql (due_at, department, outcome, ended_at) answers it
    /// without reading the table; the report asks it for a day's cases at most.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CompletionTally>> CompletionAsync(
        DateTimeOffset start, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            SELECT department, {CountsAtCutoff}
            FROM hotline_assessment_case
            WHERE due_at >= @start AND due_at < @cutoff
            GROUP BY department
            """)
            .With("start", start.ToUnixTimeMilliseconds())
            .With("cutoff", cutoff.ToUnixTimeMilliseconds());
        return await ReadCountsAsync(command, cancellationToken);
    }

    /// <summary>The tally's counts of each department for the deadlines' days from <paramref name="first"/> up to, not including, <paramref name="until"/>.</summary>
    public async Task<IReadOnlyDictionary<string, CompletionTally>> TalliedAsync(DateOnly first, DateOnly until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT department, SUM(due), SUM(completed) FROM hotline_assessment_tally
            WHERE day >= @first AND day < @until
            GROUP BY department
            """)
            .With("first", AssessmentTally.Key(first))
            .With("until", AssessmentTally.Key(until));
        return await ReadCountsAsync(command, cancellationToken);
    }

    /// <summary>
    /// The cases that can have been overdue at some moment of the period: still open and due before the cut-off,
    /// or ended after both their deadline and the period's start. The partial indexes of readmodel.history.sql hold
    /// both apart from the years of cases ended on time, which can cost nothing. A case of the second kind was due
    /// after the start less its lateness, so no earlier than the start less the longest lateness of all: that bound
    /// is exact, and keeps a month long past from reading every late case ended since. With no late case at all the
    /// longest is NULL and the second branch reads nothing, as it should.
    /// </summary>
    public async Task<IReadOnlyList<AssessmentCase>> MaybeLateCasesAsync(DateTimeOffset start, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        const string select = $"SELECT {CaseColumns} FROM hotline_assessment_case";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            {select} WHERE ended_at IS NULL AND due_at < @cutoff
            UNION ALL {select} WHERE ended_at > due_at AND ended_at > @start AND due_at < @cutoff
                AND due_at >= @start - (SELECT MAX(ended_at - due_at) FROM hotline_assessment_case WHERE ended_at > due_at)
            """)
            .With("start", start.ToUnixTimeMilliseconds())
            .With("cutoff", cutoff.ToUnixTimeMilliseconds());
        return await ReadCasesAsync(command, cancellationToken);
    }

    /// <summary>
    /// Reads the rows of a query that selects <see cref="CaseColumns"/>, by typed getters: a month reads thousands of late
    /// cases from a large read model, and boxing each value cost about a third of reading them.
    /// </summary>
    internal static async Task<IReadOnlyList<AssessmentCase>> ReadCasesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var cases = new List<AssessmentCase>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(new AssessmentCase(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2) == 1,
                Instant(reader, 3)!.Value,
                Instant(reader, 4),
                Instant(reader, 5),
                reader.IsDBNull(6) ? null : Enum.Parse<CaseOutcome>(reader.GetString(6))));
        }

        return cases;
    }

    private static async Task<IReadOnlyDictionary<string, CompletionTally>> ReadCountsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tallies = new Dictionary<string, CompletionTally>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            tallies[reader.GetString(0)] = new CompletionTally(Convert.ToInt32(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2)));
        }

        return tallies;
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
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
