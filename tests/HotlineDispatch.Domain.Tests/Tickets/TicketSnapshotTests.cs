using HotlineDispatch.Deadlines;
using HotlineDispatch.Tickets;
using static HotlineDispatch.Tests.Tickets.SampleTickets;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>What a ticket's grain hands out: the ticket as it stood, which its later steps do not change.</summary>
public sealed class TicketSnapshotTests
{
    [Fact]
    public void A_snapshot_says_what_the_ticket_says()
    {
        var ticket = Dispatched("SWJ");
        ticket.Execute(new UrgeTicket("请尽快"), new Actor("sup1", "supervisor"), Context);

        var snapshot = TicketSnapshot.Of(ticket);

        Assert.Equal((ticket.Id, ticket.State, ticket.Lead, ticket.LastSeq, ticket.IsOpen, ticket.NextCardAt),
            (snapshot.Id, snapshot.State, snapshot.Lead, snapshot.LastSeq, snapshot.IsOpen, snapshot.NextCardAt));
        Assert.Equal(ticket.History, snapshot.History);
        Assert.Equal(ticket.Deadlines, snapshot.Deadlines);
        Assert.Equal(["CGJ", "SWJ"], snapshot.AssignedDepartments);
        Assert.Equal(1, snapshot.UrgedCount);
        Assert.Null(snapshot.UpstreamId);
    }

    [Fact]
    public void Later_steps_and_cards_leave_a_snapshot_as_it_was()
    {
        var ticket = Dispatched("SWJ");
        var snapshot = TicketSnapshot.Of(ticket);

        ticket.Execute(new SignTicket("CGJ"), Cgj, Context);
        ticket.RecordDueCards(Monday.AddDays(30));

        Assert.Equal((TicketState.Dispatched, 2), (snapshot.State, snapshot.History.Length));
        Assert.Empty(snapshot.Cards);
        Assert.Equal(2, snapshot.Deadlines.Count(d => d.Step == DeadlineStep.Sign));
        Assert.NotEmpty(ticket.Cards);
    }
}
