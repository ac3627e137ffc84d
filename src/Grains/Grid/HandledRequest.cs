namespace HotlineDispatch.Grid;

/// <summary>A request the grid worker answered: turned into a ticket, or settled in person.</summary>
[GenerateSerializer, Immutable, Alias("hotline.handled-request.v1")]
public sealed record HandledRequest(
    [property: Id(0)] InboxItem Item,
    [property: Id(1)] string? TicketId,
    [property: Id(2)] string? Note,
    [property: Id(3)] string HandledBy,
    [property: Id(4)] DateTimeOffset HandledAt)
{
    public bool Settled => TicketId is null;

    public TimeSpan Waited => HandledAt - Item.ReceivedAt;
}
