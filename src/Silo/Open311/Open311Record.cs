using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Open311;

/// <summary>What a client posted through Open311, kept beside the ticket it became.</summary>
public sealed record Open311Posting(
    string TicketId, string ServiceCode, double? Lat, double? Long, string? MediaUrl, string Description, DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// A GeoReport v2 service request: the posting plus the ticket's lifecycle as a resident should read it.
/// Open while the hotline still owes an answer; closed once answered at intake, replied, archived or merged.
/// </summary>
public sealed record Open311Record(
    string ServiceRequestId,
    string Status,
    string StatusNotes,
    string ServiceName,
    string ServiceCode,
    string Description,
    string AgencyResponsible,
    DateTimeOffset RequestedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpectedAt,
    string Address,
    double? Lat,
    double? Long,
    string? MediaUrl)
{
    public const string Hotline = "12345政务服务便民热线";

    public static readonly IReadOnlyList<TicketState> ClosedStates =
        [TicketState.Resolved, TicketState.Replied, TicketState.Closed, TicketState.Merged];

    public static Open311Record Of(Open311Posting posting, TicketSummary ticket, DepartmentCatalog catalog)
    {
        var lead = ticket.Lead is { } code ? catalog.Find(code)?.Name ?? code : null;
        var notes = ticket.State switch
        {
            TicketState.Accepted => "已受理，正在为您安排承办单位。",
            TicketState.Resolved => "已由热线直接答复办结。",
            TicketState.Dispatched => $"已派至{lead}，等待签收。",
            TicketState.InProgress => $"{lead}正在办理。",
            TicketState.AwaitingResident => $"{lead}需要您补充信息，补充后继续办理。",
            TicketState.Replied => $"{lead}已办结并反馈。",
            TicketState.Reopened => $"您对结果不满意，{lead}正在重新办理。",
            TicketState.Closed => "已办结归档。",
            TicketState.Merged => "同一事项已合并到另一工单办理。",
            _ => ticket.State.ToString(),
        };
        return new Open311Record(
            posting.TicketId,
            ClosedStates.Contains(ticket.State) ? "closed" : "open",
            notes,
            catalog.Find(posting.ServiceCode)?.Name ?? posting.ServiceCode,
            posting.ServiceCode,
            posting.Description,
            lead ?? Hotline,
            posting.RequestedAt,
            posting.UpdatedAt,
            ticket.IsWithDepartment ? ticket.ReplyBy : null,
            ticket.Address,
            posting.Lat,
            posting.Long,
            posting.MediaUrl);
    }
}
