using HotlineDispatch.Tickets;

namespace HotlineDispatch.Routing;

/// <summary>Reads a resident's message: is it a request, for which department, what kind, how urgent.</summary>
public interface IMessageAnalyzer
{
    Task<MessageAnalysis> AnalyzeAsync(string text, TicketChannel channel, CancellationToken cancellationToken = default);
}
