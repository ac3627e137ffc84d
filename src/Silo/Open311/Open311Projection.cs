using System.Data.Common;
using HotlineDispatch.Silo.ReadModel;
using HotlineDispatch.Tickets;
using static HotlineDispatch.Silo.ReadModel.DbCommandExtensions;

namespace HotlineDispatch.Silo.Open311;

/// <summary>Keeps each Open311 request's <c>updated_datetime</c>: the time of its ticket's latest event.</summary>
public sealed class Open311Projection : EventsProjectionPart
{
    protected override async Task ApplyAsync(DbConnection connection, DbTransaction transaction, TicketSummary summary, IReadOnlyList<TicketEvent> events)
    {
        if (summary.Channel != TicketChannel.Open311 || events.Count == 0)
        {
            return;
        }

        await using var command = connection.Command(
                "UPDATE hotline_open311_request SET updated_at = @at WHERE ticket_id = @id AND updated_at < @at", transaction)
            .With("id", summary.Id)
            .With("at", Millis(events.Max(e => e.At)));
        await command.ExecuteNonQueryAsync();
    }
}
