namespace HotlineDispatch.Tickets;

/// <summary>A notice a master owes one of its merged tickets; kept until that ticket has taken it.</summary>
[GenerateSerializer, Immutable, Alias("hotline.pending-notice.v1")]
public sealed record PendingNotice(
    [property: Id(0)] string TicketId,
    [property: Id(1)] TicketCommand Notice);
