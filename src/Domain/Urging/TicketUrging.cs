namespace HotlineDispatch.Tickets;

// 催办 (docs/domain.md §10), beside the command rather than in Ticket.cs.
public sealed partial class Ticket
{
    private void DoUrge(UrgeTicket c, Actor actor, TicketContext context)
    {
        if (NewInstruction(TicketActions.Urge, c.Note, actor, "urged") is { } note)
        {
            Log(context.Now, actor, TicketActions.Urge, State, note, Lead);
        }
    }
}
