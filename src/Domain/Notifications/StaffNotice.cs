using HotlineDispatch.Deadlines;
using HotlineDispatch.Disputes;
using HotlineDispatch.Grid;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Notifications;

/// <summary>
/// A notice to the staff of a department or a grid cell (docs/domain.md §11): new work, a card, 督办, 催办, a dispute
/// decision, or a resident's request left waiting in a cell. <see cref="Urgent"/> notices go at once, day or night;
/// the others are gathered into one message per contact every few minutes, and wait for working hours.
/// </summary>
/// <param name="Key">Unique per event and audience, so writing it twice keeps one.</param>
public sealed record StaffNotice(string Key, StaffAudience Audience, string Kind, string Text, bool Urgent, string? TicketId)
{
    /// <summary>The ticket event the notice is about; 0 for one about a cell's inbox.</summary>
    public int Seq { get; init; }
}

/// <summary>Whose contacts receive a notice: a department's (<c>Hotline:Departments:{code}:Notify</c>) or a grid cell's.</summary>
public sealed record StaffAudience(bool IsGridCell, string Code)
{
    public static StaffAudience Department(string code) => new(false, code);

    public static StaffAudience GridCell(string cell) => new(true, cell);
}

/// <summary>Which events of a ticket tell which staff what, in Chinese.</summary>
public static class StaffNotices
{
    public const string Dispatch = "dispatch";
    public const string Card = "card";
    public const string Supervise = "supervise";
    public const string Urge = "urge";
    public const string DisputeDecision = "dispute";
    public const string InboxWaiting = "inbox";

    public static IEnumerable<StaffNotice> For(TicketSnapshot ticket, IEnumerable<TicketEvent> events, WorkingCalendar calendar)
    {
        string Local(DateTimeOffset? at) => at is { } value ? calendar.ToLocal(value).ToString("MM-dd HH:mm") : "—";
        var excerpt = Excerpts.Of(ticket.Content, 40);

        foreach (var e in events)
        {
            StaffNotice Notice(string kind, string department, string text, bool urgent) =>
                new($"{ticket.Id}-{e.Seq:D6}-{kind}-{department}", StaffAudience.Department(department), kind, text, urgent, ticket.Id) { Seq = e.Seq };

            switch (e.Action)
            {
                case TicketActions.Dispatch when e.Department is { } lead:
                    // Co-handlers are known for the ticket's current dispatch only; an earlier one told its lead.
                    var current = !ticket.History.Any(later => later.Seq > e.Seq && later.Action == TicketActions.Dispatch);
                    foreach (var department in current ? ticket.AssignedDepartments : [lead])
                    {
                        yield return Notice(Dispatch, department,
                            $"【12345派单】{(ticket.Urgent ? "紧急" : "")}工单 {ticket.Id} 已派至贵单位（{(department == lead ? "主办" : "协办")}），请及时签收，{Local(e.ReplyBy)} 前办结：{excerpt}",
                            ticket.Urgent);
                    }

                    break;
                case TicketActions.YellowCard or TicketActions.RedCard when e.Department is { } department:
                    var red = e.Action == TicketActions.RedCard;
                    var step = e.Step == DeadlineStep.Sign ? "签收" : "办结";
                    yield return Notice(Card, department,
                        $"【{(red ? "红牌" : "黄牌")}】工单 {ticket.Id} 的{step}时限{(red ? "已超期" : "即将到期")}（{Local(e.DueAt)}），请尽快处理：{excerpt}",
                        ticket.Urgent || red);
                    break;
                case TicketActions.Supervise when e.Department is { } department:
                    yield return Notice(Supervise, department, $"【督办】工单 {ticket.Id}：{e.Note}（{excerpt}）", ticket.Urgent);
                    break;
                case TicketActions.Urge when e.Department is { } department:
                    yield return Notice(Urge, department, $"【催办】工单 {ticket.Id}：{e.Note}（{excerpt}）", ticket.Urgent);
                    break;
                case TicketActions.DisputeUpheld or TicketActions.DisputeRejected or TicketActions.ReturnApproved or TicketActions.ReturnRefused
                    when e.Department is { } department:
                    var upheld = e.Action is TicketActions.DisputeUpheld or TicketActions.ReturnApproved;
                    var what = e.Action is TicketActions.DisputeUpheld or TicketActions.DisputeRejected ? "派单异议" : "退单申请";
                    yield return Notice(DisputeDecision, department,
                        $"【{what}审核】工单 {ticket.Id}：{(upheld ? "已同意" : "未同意，请继续办理")}。{e.Note}", false);
                    break;
            }
        }
    }

    /// <summary>The notice to a cell's staff that a resident's request has waited longer than it should; once per request.</summary>
    public static StaffNotice Waiting(string cell, InboxItem item, TimeSpan waited) =>
        new($"{cell}-{item.MessageId}-{InboxWaiting}", StaffAudience.GridCell(cell), InboxWaiting,
            $"【网格待办】网格 {cell} 群“{item.Group.Name}”中居民诉求已等待 {(int)waited.TotalMinutes} 分钟未处理：{Excerpts.Of(item.Message.Text, 40)}",
            item.Urgent, null);
}
