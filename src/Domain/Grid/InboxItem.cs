using HotlineDispatch.Tickets;

namespace HotlineDispatch.Grid;

/// <summary>A request detected in one of the cell's groups, waiting for the grid worker.</summary>
[GenerateSerializer, Immutable, Alias("hotline.inbox-item.v1")]
public sealed record InboxItem(
    [property: Id(0)] GroupRegistration Group,
    [property: Id(1)] GroupMessage Message,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] string? SuggestedDepartment,
    [property: Id(4)] TicketType SuggestedType,
    [property: Id(5)] bool Urgent)
{
    /// <summary>The number reserved when the grid worker first asked for a ticket, so a retry finds the same ticket.</summary>
    [Id(6)] public string? TicketId { get; init; }

    public string MessageId => Message.MessageId;

    public string ReplyTo => $"group:{Group.GroupId}";
}
