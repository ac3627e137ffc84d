using HotlineDispatch.Residents;
using HotlineDispatch.Silo.Tickets;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.ReadModel;

/// <summary>Keeps <c>hotline_ticket_find</c>, what the list's filters beyond the index read, from each projected step.</summary>
public sealed class TicketFinderProjection : ITicketProjectionPart
{
    private const string Refresh = """
        DO UPDATE SET phone = excluded.phone, anonymous = excluded.anonymous, known_to = excluded.known_to,
            supervised = excluded.supervised, pending_extension = excluded.pending_extension,
            awaiting_survey = excluded.awaiting_survey, returned = excluded.returned, urgent = excluded.urgent,
            reply_path = excluded.reply_path, words = excluded.words
        """;

    public ProjectionWrite? Capture(TicketSnapshot ticket, IReadOnlyList<TicketEvent> newEvents) => Write(ticket, refresh: true);

    /// <summary>
    /// The row of a ticket projected before the table existed. It never overwrites: a row already there came from
    /// the projection of a later step, which is newer than the ticket read for the backfill.
    /// </summary>
    public static ProjectionWrite Backfill(TicketSnapshot ticket) => Write(ticket, refresh: false);

    private static ProjectionWrite Write(TicketSnapshot ticket, bool refresh)
    {
        var row = (ticket.Id, Phone: PhoneNumbers.Canonical(ticket.Caller.Phone) is { Length: > 0 } phone ? phone : null, ticket.Caller.Anonymous, KnownTo: ticket.Caller.KnownTo ?? "",
            Channel: ticket.Channel.ToString(), Type: ticket.Type.ToString(), ticket.Urgent, ticket.Supervised, Pending: ticket.PendingExtension is not null,
            ticket.AwaitingSurvey, Returned: IsReturned(ticket), Path: ticket.ReplyTo?.Split(':', 2)[0],
            Words: $"{ticket.Content}\n{ticket.Address}", ticket.AcceptedAt);
        return async (connection, transaction, _) =>
        {
            string? stored;
            await using (var read = connection.Command("SELECT words FROM hotline_ticket_find WHERE id = @id", transaction).With("id", row.Id))
            {
                stored = (string?)await read.ExecuteScalarAsync();
            }

            await using var command = connection.Command($"""
                INSERT INTO hotline_ticket_find
                    (id, phone, anonymous, known_to, channel, type, urgent, supervised, pending_extension, awaiting_survey, returned, reply_path, words)
                VALUES (@id, @phone, @anonymous, @known_to, @channel, @type, @urgent, @supervised, @pending, @awaiting, @returned, @path, @words)
                ON CONFLICT (id) {(refresh ? Refresh : "DO NOTHING")}
                """, transaction)
            .With("id", row.Id).With("phone", row.Phone).With("anonymous", row.Anonymous ? 1 : 0).With("known_to", row.KnownTo)
            .With("channel", row.Channel).With("type", row.Type).With("urgent", row.Urgent ? 1 : 0).With("supervised", row.Supervised ? 1 : 0)
            .With("pending", row.Pending ? 1 : 0).With("awaiting", row.AwaitingSurvey ? 1 : 0).With("returned", row.Returned ? 1 : 0).With("path", row.Path)
            .With("words", row.Words);
            await command.ExecuteNonQueryAsync();

            // The pairs follow the words when they change (a backfilled row never changes a row already there).
            if (stored is null || (refresh && stored != row.Words))
            {
                await TicketSearch.WriteAsync(connection, transaction, row.Id, row.Words, row.AcceptedAt, overwrite: true);
            }
        };
    }

    /// <summary>Waiting for a dispatch because its department returned it, whatever was noted on it since.</summary>
    private static bool IsReturned(TicketSnapshot ticket) =>
        ticket.State == TicketState.Accepted
        && ticket.History.Last(e => e.ToState == TicketState.Accepted && e.FromState != TicketState.Accepted).Action == TicketActions.Return;
}
