using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Disputes;
using HotlineDispatch.Notifications;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Notifications;

/// <summary>Which staff hear of what (docs/domain.md §11), and when a notice that may wait goes out.</summary>
public sealed class StaffNoticesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly WorkingCalendar _calendar = WorkingCalendar.From(new CalendarOptions());

    [Fact]
    public void A_notice_that_may_wait_goes_out_at_once_in_working_time_and_otherwise_at_the_next_period()
    {
        Assert.Equal(Monday.AddHours(1), _calendar.NextWorkingInstant(Monday.AddHours(1)));
        Assert.Equal(Monday.AddHours(4), _calendar.NextWorkingInstant(Monday.AddHours(3).AddMinutes(10)));
        Assert.Equal(Monday.AddDays(1), _calendar.NextWorkingInstant(Monday.AddHours(9)));
        // Friday evening waits for Monday morning.
        Assert.Equal(Monday.AddDays(7), _calendar.NextWorkingInstant(Monday.AddDays(4).AddHours(10)));
    }

    [Fact]
    public void The_dispatch_goes_to_lead_and_co_handlers_and_a_dispute_decision_to_the_disputing_department()
    {
        var sla = new SlaPolicy(new SlaOptions(), _calendar);
        var context = new TicketContext(Monday, sla, DepartmentCatalog.LoadEmbedded());
        var ticket = new Ticket("20261123-000001");
        ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller(null, null, false), "", null, "河道漂浮垃圾", TicketType.Complaint, false)
        {
            Dispatch = new DispatchTicket("CGJ", ["SWJ"], null),
        }, new Actor("op1", "operator"), context);
        ticket.Execute(new DisputeDispatch("CGJ", "河道属水务", "SWJ"), new Actor("cgj", "department", "CGJ"), context);
        ticket.Execute(new DecideDispute(false, null, "城管负责河面保洁"), new Actor("sup", "supervisor"), context);

        var notices = StaffNotices.For(TicketSnapshot.Of(ticket), ticket.History, _calendar).ToList();

        Assert.Equal([("CGJ", StaffNotices.Dispatch), ("SWJ", StaffNotices.Dispatch), ("CGJ", StaffNotices.DisputeDecision)],
            notices.Select(n => (n.Audience.Code, n.Kind)));
        Assert.Contains("未同意", notices[^1].Text);
        Assert.All(notices, n => Assert.False(n.Urgent));
    }
}
