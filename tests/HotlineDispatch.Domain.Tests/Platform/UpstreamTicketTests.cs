using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Platform;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Platform;

/// <summary>Tickets handed down by the upper platform (docs/platform.md): the stricter deadline, and what is reported back up.</summary>
public sealed class UpstreamTicketTests
{
    private static readonly DepartmentCatalog Departments = DepartmentCatalog.LoadEmbedded();

    // Monday 2026-11-23 09:00 in Beijing: our sign-for limit ends at 11:00, our complaint reply limit five working days on.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly SlaPolicy _sla = new(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));

    private Ticket Pushed(DateTimeOffset? signBy, DateTimeOffset? replyBy)
    {
        var ticket = new Ticket("20261123-000001");
        ticket.Execute(new AcceptTicket(TicketChannel.Platform, new Caller("李四", null, false), "滨河路", null, "污水外溢", TicketType.Complaint, false)
        {
            SourceRef = "SZ-1",
            Upstream = new UpstreamTerms("SZ-1", signBy, replyBy),
            Dispatch = new DispatchTicket("CGJ", ["SWJ"], null),
        }, Actor.Platform, new TicketContext(Monday, _sla, Departments));
        return ticket;
    }

    [Fact]
    public void An_earlier_upstream_deadline_replaces_ours_and_brings_its_yellow_card_forward()
    {
        var ticket = Pushed(Monday.AddMinutes(50), Monday.AddDays(1));

        Assert.Equal(Monday.AddMinutes(50), ticket.SignBy);
        Assert.Equal(Monday.AddDays(1), ticket.ReplyBy);
        var sign = ticket.Deadlines.First(d => d is { Step: DeadlineStep.Sign, Department: "CGJ" });
        Assert.Equal((TimeSpan.FromMinutes(50), Monday.AddMinutes(40)), (sign.Limit, sign.YellowAt));
    }

    [Fact]
    public void A_later_upstream_deadline_leaves_ours()
    {
        var ticket = Pushed(Monday.AddDays(2), null);

        Assert.Equal(Monday.AddHours(2), ticket.SignBy);
        Assert.Equal(_sla.StartReply(Monday, "CGJ", TicketType.Complaint, false, 1).DueAt, ticket.ReplyBy);
    }

    [Fact]
    public void The_platform_hears_of_the_lead_signing_not_of_a_co_handler_and_a_return_is_a_request()
    {
        var ticket = Pushed(null, null);
        var context = new TicketContext(Monday.AddMinutes(10), _sla, Departments);
        ticket.Execute(new SignTicket("SWJ"), new Actor("swj", "department", "SWJ"), context);
        ticket.Execute(new SignTicket("CGJ"), new Actor("cgj", "department", "CGJ"), context);
        ticket.Execute(new ReturnTicket("CGJ", "属于水务"), new Actor("cgj", "department", "CGJ"), context);

        var callbacks = PlatformCallback.For(TicketSnapshot.Of(ticket), ticket.History).ToList();
        Assert.Equal([PlatformCallback.Signed, PlatformCallback.ReturnRequested], callbacks.Select(c => c.Event));
        Assert.Equal(("CGJ", "属于水务"), (callbacks[1].Department, callbacks[1].Reason));
        Assert.Equal(("CGJ", TicketState.InProgress), (ticket.Lead, ticket.State));
    }
}
