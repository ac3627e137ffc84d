using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>Tickets in a known state, for tests that read a ticket rather than drive its steps.</summary>
internal static class SampleTickets
{
    /// <summary>Monday 2026-11-23 09:00 in Beijing.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly TicketContext Context =
        new(Monday, new SlaPolicy(new SlaOptions(), WorkingCalendar.From(new CalendarOptions())), DepartmentCatalog.LoadEmbedded());

    public static readonly Actor Dispatcher = new("disp1", "dispatcher");
    public static readonly Actor Cgj = new("cgj1", "department", "CGJ");

    public static Ticket Accepted()
    {
        var ticket = new Ticket("20261123-000001");
        ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller("张三", "13812341234", false), "春晖路3号", "G-001",
            "路灯不亮", TicketType.Complaint, false), new Actor("op1", "operator"), Context);
        return ticket;
    }

    /// <summary>Dispatched to CGJ as lead, with <paramref name="co"/> as co-handlers.</summary>
    public static Ticket Dispatched(params string[] co)
    {
        var ticket = Accepted();
        ticket.Execute(new DispatchTicket("CGJ", co, null), Dispatcher, Context);
        return ticket;
    }
}
