using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Residents;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Residents;

/// <summary>What a resident reads about a ticket: never an internal identifier.</summary>
public sealed class ResidentTextsTests
{
    private static readonly DepartmentCatalog Departments = DepartmentCatalog.LoadEmbedded();
    private static readonly WorkingCalendar Calendar = WorkingCalendar.From(new CalendarOptions());
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private static Ticket DispatchedTo(string lead)
    {
        var ticket = new Ticket("20261123-000011");
        var context = new TicketContext(Monday, new SlaPolicy(new SlaOptions(), Calendar), Departments);
        var actor = new Actor("op1", "operator");
        ticket.Execute(new AcceptTicket(TicketChannel.Wechat, new Caller(null, null, false), "", null, "楼道灯坏了", TicketType.Help, false)
        {
            ReplyTo = "wechat:oResident1",
        }, actor, context);
        ticket.Execute(new DispatchTicket(lead, [], null), actor, context);
        return ticket;
    }

    [Fact]
    public void A_status_names_the_department_in_chinese()
    {
        Assert.Contains("已转交城市管理局", ResidentTexts.Status(TicketSnapshot.Of(DispatchedTo("CGJ")), Departments, Calendar));
    }

    [Fact]
    public void A_department_the_catalogue_no_longer_lists_is_not_shown_by_its_code()
    {
        var ticket = DispatchedTo("ZJJ");
        // A later departments.json without ZJJ (merged into another bureau) while the ticket is still open.
        var later = new DepartmentCatalog(Departments.All.Where(d => d.Code != "ZJJ"));

        var status = ResidentTexts.Status(TicketSnapshot.Of(ticket), later, Calendar);
        var notice = new TicketNotices(later).For(TicketSnapshot.Of(ticket), ticket.History).Single(n => n.Kind == NoticeKinds.Status);

        Assert.DoesNotContain("ZJJ", status);
        Assert.Contains("已转交相关部门", status);
        Assert.DoesNotContain("ZJJ", notice.Text);
    }
}
