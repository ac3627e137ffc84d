namespace HotlineDispatch.Tickets;

// 催办 (docs/domain.md §10), beside the command rather than in Ticket.cs.
public sealed partial class Ticket
{
    /// <summary>How often the ticket was urged (催办); read from the history, so it costs an idle grain nothing.</summary>
    public int UrgedCount => History.Count(e => e.Action == TicketActions.Urge);

    private void DoUrge(UrgeTicket c, Actor actor, TicketContext context)
    {
        if (!IsOpen)
        {
            throw new TicketConflictException(State, $"Ticket {Id} is {Name(State)} and can no longer be urged.");
        }

        var note = RequireText(c.Note, "note");
        if (History[^1] is { Action: TicketActions.Urge } last && last.Note == note && last.Actor == actor.Name)
        {
            // The same words again with nothing in between: a call repeated after a timeout, not a second 催办.
            return;
        }

        Log(context.Now, actor, TicketActions.Urge, State, note, Lead);
    }
}
