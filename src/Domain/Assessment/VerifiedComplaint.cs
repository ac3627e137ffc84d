namespace HotlineDispatch.Assessment;

/// <summary>A complaint about a department's handling that a supervisor checked and found true (投诉查实).</summary>
public sealed record VerifiedComplaint(
    string Id,
    string Month,
    string Department,
    string? TicketId,
    string Note,
    int Points,
    string RecordedBy,
    DateTimeOffset RecordedAt);
