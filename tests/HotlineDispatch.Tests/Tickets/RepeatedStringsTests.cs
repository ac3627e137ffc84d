using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Tickets;

public sealed class RepeatedStringsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    // Each ticket gets its own copy of every string, as a ticket read from storage does.
    private static string Fresh(string value) => new(value.AsSpan());

    private static Ticket Dispatched(string id)
    {
        var context = new TicketContext(Monday, new SlaPolicy(new SlaOptions(), WorkingCalendar.From(new CalendarOptions())), DepartmentCatalog.LoadEmbedded());
        var ticket = new Ticket(id);
        ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller(Fresh("张三"), Fresh("13812341234"), false), Fresh("春晖路3号"),
            Fresh("G-001"), Fresh("路灯不亮"), TicketType.Complaint, false), new Actor(Fresh("op1"), Fresh("operator")), context);
        ticket.Execute(new DispatchTicket(Fresh("CGJ"), [Fresh("SWJ")], null), new Actor(Fresh("disp1"), Fresh("dispatcher")), context);
        return ticket;
    }

    [Fact]
    public void Tickets_share_one_instance_of_each_repeated_string_and_keep_their_values()
    {
        var first = Dispatched("20261123-000001");
        var second = Dispatched("20261123-000002");
        var before = first.History.ToList();

        RepeatedStrings.Share(first);
        RepeatedStrings.Share(second);

        Assert.Same(first.Lead, second.Lead);
        Assert.Same(first.GridCell, second.GridCell);
        Assert.Same(first.LoggedBy, second.LoggedBy);
        Assert.Same(first.Co[0].Department, second.Co[0].Department);
        Assert.Same(first.Deadlines[0].Department, second.Deadlines[0].Department);
        Assert.All(first.History.Zip(second.History), pair =>
        {
            Assert.Same(pair.First.Action, pair.Second.Action);
            Assert.Same(pair.First.Actor, pair.Second.Actor);
            Assert.Same(pair.First.Department, pair.Second.Department);
        });
        Assert.Equal(before, first.History);
        Assert.Equal(("CGJ", "G-001", "春晖路3号"), (first.Lead, first.GridCell, first.Address));
    }
}
