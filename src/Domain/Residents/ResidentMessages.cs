using HotlineDispatch.Tickets;

namespace HotlineDispatch.Residents;

public static class ResidentMessages
{
    /// <summary>The grain key of a provider's message: the channel first, so it never parses as a hex number.</summary>
    public static string Key(TicketChannel channel, string providerId) => $"{channel.ToString().ToLowerInvariant()}-{providerId}";
}
