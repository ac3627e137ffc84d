using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>What a ticket's grain hands out: the ticket as it stood, which its later steps do not change.</summary>
public sealed class TicketSnapshotTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly TicketContext Context =
        new(Monday, new SlaPolicy(new SlaOptions(), WorkingCalendar.From(new CalendarOptions())), DepartmentCatalog.LoadEmbedded());

    private static Ticket Dispatched()
    {
        var ticket = new Ticket("20261123-000001");
        ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller("张三", "13812341234", false), "春晖路3号", "G-001",
            "路灯不亮", TicketType.Complaint, false), new Actor("op1", "operator"), Context);
        ticket.Execute(new DispatchTicket("CGJ", ["SWJ"], null), new Actor("disp1", "dispatcher"), Context);
        return ticket;
    }

    [Fact]
    public void A_snapshot_says_what_the_ticket_says()
    {
        var ticket = Dispatched();
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
        var ticket = Dispatched();
        var snapshot = TicketSnapshot.Of(ticket);

        ticket.Execute(new SignTicket("CGJ"), new Actor("cgj1", "department", "CGJ"), Context);
        ticket.RecordDueCards(Monday.AddDays(30));

        Assert.Equal((TicketState.Dispatched, 2), (snapshot.State, snapshot.History.Length));
        Assert.Empty(snapshot.Cards);
        Assert.Equal(2, snapshot.Deadlines.Count(d => d.Step == DeadlineStep.Sign));
        Assert.NotEmpty(ticket.Cards);
    }
}
