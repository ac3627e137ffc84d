using HotlineDispatch.Tickets;

namespace HotlineDispatch.Platform;

/// <summary>One ticket the upper platform handed down, keyed by the platform's number: however often it is pushed, one ticket.</summary>
public interface IUpstreamTicketGrain : IGrainWithStringKey
{
    /// <summary>Accepts the pushed ticket the first time; every later push answers the same ticket, <c>Created</c> false.</summary>
    Task<UpstreamIntake> Take(AcceptTicket command);
}

[GenerateSerializer, Immutable, Alias("hotline.upstream-intake.v1")]
public sealed record UpstreamIntake([property: Id(0)] TicketSnapshot Ticket, [property: Id(1)] bool Created);
