using System.Data.Common;
using HotlineDispatch.Assessment;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;
using static HotlineDispatch.Silo.ReadModel.DbCommandExtensions;

namespace HotlineDispatch.Silo.Assessment;

/// <summary>
/// Keeps <c>hotline_assessment_case</c>: a row per dispatch or reopening, whose deadline follows
/// extensions and pauses and which ends with the reply, the return or the merge; and moves the ticket's cases'
/// shares of <see cref="AssessmentTally"/> from what they were before these events to what they are after.
/// </summary>
public sealed class AssessmentProjection(AssessmentTally tally) : EventsProjectionPart
{
    protected override async Task ApplyAsync(DbConnection connection, DbTransaction transaction, TicketSummary summary, IReadOnlyList<TicketEvent> events)
    {
        IReadOnlyList<AssessmentCase>? before = null;
        async Task RunAsync(DbCommand command)
        {
            before ??= await CasesAsync(connection, transaction, summary);
            await using (command)
            {
                await command.ExecuteNonQueryAsync();
            }
        }

        foreach (var e in events)
        {
            if (e.Action == TicketActions.Redispatch)
            {
                // The moved-from department's case ends at the move, so its lateness stops there; the new lead's begins.
                await RunAsync(End(connection, transaction, summary, e, CaseOutcome.Redispatched));
            }

            var command = e.Action switch
            {
                TicketActions.Dispatch or TicketActions.Redispatch when e.ReplyBy is not null && e.Department is not null =>
                    Open(connection, transaction, summary, e),
                TicketActions.Survey when e.ToState == TicketState.Reopened && e.ReplyBy is not null && e.Department is not null =>
                    Open(connection, transaction, summary, e),
                TicketActions.Rework when e.ReplyBy is not null && e.Department is not null => Open(connection, transaction, summary, e),
                // An extension approved during a pause moves the deadline but leaves the clock stopped.
                TicketActions.ApproveExtension when e.ReplyBy is not null => OnOpenCase(connection, transaction, summary, "due_at = @due")
                    .With("due", Millis(e.ReplyBy)),
                TicketActions.ResidentInfo when e.ReplyBy is not null => OnOpenCase(connection, transaction, summary,
                    "due_at = @due, paused_at = NULL").With("due", Millis(e.ReplyBy)),
                TicketActions.AwaitResident => OnOpenCase(connection, transaction, summary, "paused_at = COALESCE(paused_at, @at)")
                    .With("at", Millis(e.At)),
                TicketActions.Reply => End(connection, transaction, summary, e, CaseOutcome.Replied),
                TicketActions.Return when e.ToState == TicketState.Accepted => End(connection, transaction, summary, e, CaseOutcome.Returned),
                TicketActions.Merge => End(connection, transaction, summary, e, CaseOutcome.Merged),
                _ => null,
            };
            if (command is not null)
            {
                await RunAsync(command);
            }
        }

        if (before is not null)
        {
            await tally.MoveAsync(connection, transaction, before, await CasesAsync(connection, transaction, summary));
        }
    }

    private static async Task<IReadOnlyList<AssessmentCase>> CasesAsync(DbConnection connection, DbTransaction transaction, TicketSummary summary)
    {
        await using var command = connection.Command(
            $"SELECT {SqlAssessmentStore.CaseColumns} FROM hotline_assessment_case WHERE ticket_id = @ticket", transaction)
            .With("ticket", summary.Id);
        return await SqlAssessmentStore.ReadCasesAsync(command, CancellationToken.None);
    }

    private static DbCommand Open(DbConnection connection, DbTransaction transaction, TicketSummary summary, TicketEvent e) =>
        connection.Command("""
            INSERT INTO hotline_assessment_case (ticket_id, seq, department, urgent, due_at)
            VALUES (@ticket, @seq, @department, @urgent, @due)
            ON CONFLICT (ticket_id, seq) DO NOTHING
            """, transaction)
            .With("ticket", summary.Id)
            .With("seq", e.Seq)
            .With("department", e.Department)
            .With("urgent", summary.Urgent ? 1 : 0)
            .With("due", Millis(e.ReplyBy));

    private static DbCommand End(DbConnection connection, DbTransaction transaction, TicketSummary summary, TicketEvent e, CaseOutcome outcome) =>
        OnOpenCase(connection, transaction, summary, "ended_at = @at, outcome = @outcome")
            .With("at", Millis(e.At))
            .With("outcome", outcome.ToString());

    private static DbCommand OnOpenCase(DbConnection connection, DbTransaction transaction, TicketSummary summary, string set) =>
        connection.Command($"UPDATE hotline_assessment_case SET {set} WHERE ticket_id = @ticket AND ended_at IS NULL", transaction)
            .With("ticket", summary.Id);
}
