using HotlineDispatch.Incidents;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Alerts;

/// <summary>
/// Something supervisors must see at once: an urgent ticket (<see cref="Urgent"/>), a surge of
/// reports of one incident (<see cref="Surge"/>), a resident's message that no retry could handle
/// (<see cref="FailedMessage"/>), or a dispute left unreviewed past its limit (<see cref="DisputeOverdue"/>).
/// Stays on the board until a supervisor acknowledges it.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.alert.v1")]
public sealed record Alert(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Message,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? TicketId,
    [property: Id(5)] string? IncidentId,
    [property: Id(6)] string? GridCell)
{
    public const string Urgent = "urgent";
    public const string Surge = "surge";
    public const string FailedMessage = "failed-message";
    public const string DisputeOverdue = "dispute-overdue";

    [Id(7)] public string? AcknowledgedBy { get; init; }

    [Id(8)] public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>The alert for a ticket accepted as urgent; one ticket always gives the same alert, so raising it again adds nothing.</summary>
    public static Alert ForUrgentTicket(TicketSnapshot ticket) =>
        new($"urgent-{ticket.Id}", Urgent, $"紧急工单 {ticket.Id}（{WhyUrgent(ticket)}）：{Excerpt(ticket.Content)}", ticket.AcceptedAt,
            ticket.Id, null, ticket.GridCell);

    /// <summary>
    /// The alert for a new incident, raised by the report that made it one; an incident always gives
    /// the same alert, so saving it again adds nothing.
    /// </summary>
    public static Alert ForSurge(Incident incident, string ticketId) =>
        new($"surge-{incident.Id}", Surge, $"{incident.TicketIds.Count} 件相似诉求集中出现：{incident.Summary}", incident.LastAt,
            ticketId, incident.Id, CellKeys.GridCellOf(incident.Cell));

    /// <summary>
    /// The alert for a resident's message that was recorded but failed every attempt to handle it: people take
    /// over, so it carries the whole of what was sent, where an answer reaches the resident and the ticket made
    /// of it, if it got that far. One message always gives the same alert, so raising it again adds nothing.
    /// </summary>
    public static Alert ForFailedMessage(string messageKey, string replyTo, string sent, string? ticketId, int attempts, DateTimeOffset at) =>
        new($"failed-{messageKey}", FailedMessage, $"居民消息经 {attempts} 次尝试仍未能处理，请人工跟进（答复地址 {replyTo}）：{sent}", at,
            ticketId, null, null);

    /// <summary>
    /// The alert as a reader who does not take over residents' messages sees it: a failed message without the
    /// resident's address (their openid or number) and words, which only the people who follow it up need.
    /// </summary>
    public Alert WithoutResident() =>
        Kind == FailedMessage ? this with { Message = "居民消息经多次尝试仍未能处理，已交人工跟进（答复地址与内容仅值班主管可见）。" } : this;

    /// <summary>
    /// The alert for a dispute (派单异议) or late return still unreviewed when its review limit passed; one dispute
    /// always gives the same alert, so raising it again adds nothing.
    /// </summary>
    public static Alert ForOverdueDispute(TicketSnapshot ticket, HotlineDispatch.Disputes.Dispute dispute) =>
        new($"dispute-{ticket.Id}-{dispute.Seq}", DisputeOverdue,
            $"工单 {ticket.Id} 的{(dispute.Kind == HotlineDispatch.Disputes.DisputeKind.Dispatch ? "派单异议" : "退单申请")}（{dispute.Department}）已超过审核时限，请尽快审核：{Excerpt(dispute.Reason)}",
            dispute.ReviewBy, ticket.Id, null, ticket.GridCell);

    /// <summary>The detector's cue, or who marked the ticket urgent by hand.</summary>
    public static string WhyUrgent(TicketSnapshot ticket) => ticket.UrgentCue ?? $"marked urgent by {ticket.LoggedBy}";

    private static string Excerpt(string text) => Excerpts.Of(text, 40);
}
