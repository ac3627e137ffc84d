namespace HotlineDispatch.Tickets;

// 催办 (docs/domain.md §10), beside the command rather than in Ticket.cs.
public sealed partial class Ticket
{
    /// <summary>How often the ticket was urged (催办); read from the history, so it costs an idle grain nothing.</summary>
    public int UrgedCount => History.Count(e => e.Action == TicketActions.Urge);

    private void DoUrge(UrgeTicket c, Actor actor, TicketContext context)
    {
        if (NewInstruction(TicketActions.Urge, c.Note, actor, "urged") is { } note)
        {
            Log(context.Now, actor, TicketActions.Urge, State, note, Lead);
        }
    }
}
